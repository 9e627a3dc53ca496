ALTER TABLE users ADD disabled_at VARCHAR(40) NULL;

ALTER TABLE event_invitations ADD
    mail_state    VARCHAR(16)    NULL,
    mail_language VARCHAR(8)     NULL,
    token_hash    VARCHAR(64)    NULL,
    sent_at       VARCHAR(40)    NULL,
    reminded_at   VARCHAR(40)    NULL,
    answered_at   VARCHAR(40)    NULL,
    answer_note   NVARCHAR(2000) NULL;

-- Run as its own statement so it is compiled after the column exists; the filter lets many rows have no token.
EXEC (N'CREATE UNIQUE INDEX ix_event_invitations_token ON event_invitations (token_hash) WHERE token_hash IS NOT NULL');
