CREATE TABLE events (
    id            TEXT NOT NULL PRIMARY KEY,
    owner_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    starts_on     TEXT NULL,
    ends_on       TEXT NULL,
    topics        TEXT NOT NULL,
    organiser_ids TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ix_events_owner ON events (owner_id);

CREATE TABLE event_invitations (
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    expert_id  TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    note       TEXT NULL,
    added_at   TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, expert_id)
);
CREATE INDEX ix_event_invitations_expert ON event_invitations (expert_id);
