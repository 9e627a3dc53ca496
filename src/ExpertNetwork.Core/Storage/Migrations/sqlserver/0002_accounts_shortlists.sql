CREATE TABLE users (
    id               VARCHAR(32)   NOT NULL PRIMARY KEY,
    email            NVARCHAR(320) NOT NULL,
    email_normalised NVARCHAR(320) NOT NULL UNIQUE,
    display_name     NVARCHAR(200) NULL,
    role             VARCHAR(16)   NOT NULL,
    password_hash    VARCHAR(400)  NOT NULL,
    security_stamp   VARCHAR(64)   NOT NULL,
    created_at       VARCHAR(40)   NOT NULL,
    updated_at       VARCHAR(40)   NOT NULL
);

CREATE TABLE shortlists (
    id         VARCHAR(32)    NOT NULL PRIMARY KEY,
    owner_id   VARCHAR(32)    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       NVARCHAR(200)  NOT NULL,
    need       NVARCHAR(4000) NULL,
    created_at VARCHAR(40)    NOT NULL,
    updated_at VARCHAR(40)    NOT NULL
);
CREATE INDEX ix_shortlists_owner ON shortlists (owner_id);

CREATE TABLE shortlist_items (
    shortlist_id VARCHAR(32)    NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    expert_id    NVARCHAR(64)   NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status       VARCHAR(16)    NOT NULL,
    note         NVARCHAR(2000) NULL,
    added_at     VARCHAR(40)    NOT NULL,
    updated_at   VARCHAR(40)    NOT NULL,
    PRIMARY KEY (shortlist_id, expert_id)
);
CREATE INDEX ix_shortlist_items_expert ON shortlist_items (expert_id);

CREATE TABLE shortlist_outcomes (
    shortlist_id VARCHAR(32)   NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    expert_id    NVARCHAR(64)  NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status       VARCHAR(16)   NOT NULL,
    grade        INT           NOT NULL,
    recorded_at  VARCHAR(40)   NOT NULL,
    recorded_by  NVARCHAR(200) NOT NULL,
    PRIMARY KEY (shortlist_id, expert_id)
);
CREATE INDEX ix_shortlist_outcomes_expert ON shortlist_outcomes (expert_id);
