CREATE TABLE events (
    id            VARCHAR(32)    NOT NULL PRIMARY KEY,
    owner_id      VARCHAR(32)    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          NVARCHAR(200)  NOT NULL,
    starts_on     VARCHAR(10)    NULL,
    ends_on       VARCHAR(10)    NULL,
    topics        NVARCHAR(2000) NOT NULL,
    organiser_ids NVARCHAR(2000) NOT NULL,
    created_at    VARCHAR(40)    NOT NULL,
    updated_at    VARCHAR(40)    NOT NULL
);
CREATE INDEX ix_events_owner ON events (owner_id);

CREATE TABLE event_invitations (
    event_id   VARCHAR(32)    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    expert_id  NVARCHAR(64)   NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status     VARCHAR(16)    NOT NULL,
    note       NVARCHAR(2000) NULL,
    added_at   VARCHAR(40)    NOT NULL,
    updated_at VARCHAR(40)    NOT NULL,
    PRIMARY KEY (event_id, expert_id)
);
CREATE INDEX ix_event_invitations_expert ON event_invitations (expert_id);
