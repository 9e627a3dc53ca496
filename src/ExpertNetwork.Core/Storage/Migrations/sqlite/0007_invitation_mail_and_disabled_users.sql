ALTER TABLE users ADD COLUMN disabled_at TEXT NULL;

ALTER TABLE event_invitations ADD COLUMN mail_state TEXT NULL;
ALTER TABLE event_invitations ADD COLUMN mail_language TEXT NULL;
ALTER TABLE event_invitations ADD COLUMN token_hash TEXT NULL;
ALTER TABLE event_invitations ADD COLUMN sent_at TEXT NULL;
ALTER TABLE event_invitations ADD COLUMN reminded_at TEXT NULL;
ALTER TABLE event_invitations ADD COLUMN answered_at TEXT NULL;
ALTER TABLE event_invitations ADD COLUMN answer_note TEXT NULL;
CREATE UNIQUE INDEX ix_event_invitations_token ON event_invitations (token_hash);
