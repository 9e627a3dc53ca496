CREATE TABLE users (
    id               TEXT NOT NULL PRIMARY KEY,
    email            TEXT NOT NULL,
    email_normalised TEXT NOT NULL UNIQUE,
    display_name     TEXT NULL,
    role             TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    security_stamp   TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE shortlists (
    id         TEXT NOT NULL PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    need       TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_shortlists_owner ON shortlists (owner_id);

CREATE TABLE shortlist_items (
    shortlist_id TEXT NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    expert_id    TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    note         TEXT NULL,
    added_at     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (shortlist_id, expert_id)
);
CREATE INDEX ix_shortlist_items_expert ON shortlist_items (expert_id);

CREATE TABLE shortlist_outcomes (
    shortlist_id TEXT    NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    expert_id    TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status       TEXT    NOT NULL,
    grade        INTEGER NOT NULL,
    recorded_at  TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    PRIMARY KEY (shortlist_id, expert_id)
);
CREATE INDEX ix_shortlist_outcomes_expert ON shortlist_outcomes (expert_id);
