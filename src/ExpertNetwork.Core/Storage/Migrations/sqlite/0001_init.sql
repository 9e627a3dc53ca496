CREATE TABLE experts (
    id              TEXT    NOT NULL PRIMARY KEY,
    full_name       TEXT    NOT NULL,
    name_folded     TEXT    NOT NULL,
    headline        TEXT    NULL,
    affiliation     TEXT    NULL,
    country         TEXT    NULL,
    city            TEXT    NULL,
    hometown        TEXT    NULL,
    location_class  TEXT    NOT NULL,
    degree          TEXT    NULL,
    h_index         INTEGER NULL,
    bio             TEXT    NULL,
    email           TEXT    NULL,
    orcid           TEXT    NULL,
    listed          INTEGER NOT NULL,
    contact_visible INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    row_version     INTEGER NOT NULL,
    changed_by      TEXT    NOT NULL
);
CREATE INDEX ix_experts_name_folded ON experts (name_folded);
CREATE INDEX ix_experts_country ON experts (country);
CREATE INDEX ix_experts_updated_at ON experts (updated_at);

CREATE TABLE expert_other_names (
    expert_id TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    PRIMARY KEY (expert_id, position)
);

CREATE TABLE expert_fields (
    expert_id TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    field     TEXT    NOT NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_expert_fields_field ON expert_fields (field);

CREATE TABLE expert_keywords (
    expert_id      TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    keyword        TEXT    NOT NULL,
    keyword_folded TEXT    NOT NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_expert_keywords_folded ON expert_keywords (keyword_folded);

CREATE TABLE expert_languages (
    expert_id TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    language  TEXT    NOT NULL,
    PRIMARY KEY (expert_id, position)
);

CREATE TABLE expert_engagement (
    expert_id  TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    engagement TEXT    NOT NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_expert_engagement ON expert_engagement (engagement);

CREATE TABLE publications (
    expert_id TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT    NULL,
    abstract  TEXT    NULL,
    year      INTEGER NULL,
    venue     TEXT    NULL,
    doi       TEXT    NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_publications_doi ON publications (doi);

CREATE TABLE publication_authors (
    expert_id            TEXT    NOT NULL,
    publication_position INTEGER NOT NULL,
    position             INTEGER NOT NULL,
    name                 TEXT    NOT NULL,
    PRIMARY KEY (expert_id, publication_position, position),
    FOREIGN KEY (expert_id, publication_position) REFERENCES publications (expert_id, position) ON DELETE CASCADE
);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id  TEXT    NOT NULL,
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    changes    TEXT    NOT NULL
);
CREATE INDEX ix_audit_expert ON audit (expert_id, id);

CREATE TABLE needs (
    id          TEXT NOT NULL PRIMARY KEY,
    kind        TEXT NULL,
    title       TEXT NULL,
    description TEXT NULL,
    location    TEXT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL
);

CREATE TABLE need_terms (
    need_id  TEXT    NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    facet    TEXT    NOT NULL,
    position INTEGER NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (need_id, facet, position)
);
