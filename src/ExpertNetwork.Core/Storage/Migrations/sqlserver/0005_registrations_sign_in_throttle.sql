-- A self-registration waits here until its emailed link is followed; only then does it become an account.
CREATE TABLE registrations (
    token_hash       VARCHAR(64)   NOT NULL PRIMARY KEY,
    email            NVARCHAR(320) NOT NULL,
    email_normalised NVARCHAR(320) NOT NULL,
    display_name     NVARCHAR(200) NULL,
    password_hash    VARCHAR(400)  NOT NULL,
    created_at       VARCHAR(40)   NOT NULL,
    expires_at       VARCHAR(40)   NOT NULL
);
CREATE INDEX ix_registrations_expires ON registrations (expires_at);

-- Failed sign-ins per account (by normalised email, known or not) and per client address, shared by every app process.
CREATE TABLE sign_in_failures (
    throttle_key   NVARCHAR(400) NOT NULL PRIMARY KEY,
    failures       INT           NOT NULL,
    last_failed_at VARCHAR(40)   NOT NULL,
    blocked_until  VARCHAR(40)   NULL
);
