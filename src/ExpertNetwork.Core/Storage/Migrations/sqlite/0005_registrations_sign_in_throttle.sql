-- A self-registration waits here until its emailed link is followed; only then does it become an account.
CREATE TABLE registrations (
    token_hash       TEXT NOT NULL PRIMARY KEY,
    email            TEXT NOT NULL,
    email_normalised TEXT NOT NULL,
    display_name     TEXT NULL,
    password_hash    TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL
);
CREATE INDEX ix_registrations_expires ON registrations (expires_at);

-- Failed sign-ins per account (by normalised email, known or not) and per client address, shared by every app process.
CREATE TABLE sign_in_failures (
    throttle_key   TEXT NOT NULL PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL,
    blocked_until  TEXT NULL
);
