CREATE TABLE experts (
    id              NVARCHAR(64)   NOT NULL PRIMARY KEY,
    full_name       NVARCHAR(200)  NOT NULL,
    name_folded     NVARCHAR(200)  NOT NULL,
    headline        NVARCHAR(1000) NULL,
    affiliation     NVARCHAR(500)  NULL,
    country         CHAR(2)        NULL,
    city            NVARCHAR(200)  NULL,
    hometown        NVARCHAR(200)  NULL,
    location_class  VARCHAR(16)    NOT NULL,
    degree          VARCHAR(16)    NULL,
    h_index         INT            NULL,
    bio             NVARCHAR(MAX)  NULL,
    email           NVARCHAR(320)  NULL,
    orcid           CHAR(19)       NULL,
    listed          BIT            NOT NULL,
    contact_visible BIT            NOT NULL,
    created_at      VARCHAR(40)    NOT NULL,
    updated_at      VARCHAR(40)    NOT NULL,
    row_version     BIGINT         NOT NULL,
    changed_by      NVARCHAR(200)  NOT NULL
);
CREATE INDEX ix_experts_name_folded ON experts (name_folded);
CREATE INDEX ix_experts_country ON experts (country);
CREATE INDEX ix_experts_updated_at ON experts (updated_at);

CREATE TABLE expert_other_names (
    expert_id NVARCHAR(64)  NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INT           NOT NULL,
    name      NVARCHAR(200) NOT NULL,
    PRIMARY KEY (expert_id, position)
);

CREATE TABLE expert_fields (
    expert_id NVARCHAR(64) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INT          NOT NULL,
    field     VARCHAR(32)  NOT NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_expert_fields_field ON expert_fields (field);

CREATE TABLE expert_keywords (
    expert_id      NVARCHAR(64)  NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position       INT           NOT NULL,
    keyword        NVARCHAR(200) NOT NULL,
    keyword_folded NVARCHAR(200) NOT NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_expert_keywords_folded ON expert_keywords (keyword_folded);

CREATE TABLE expert_languages (
    expert_id NVARCHAR(64) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INT          NOT NULL,
    language  CHAR(2)      NOT NULL,
    PRIMARY KEY (expert_id, position)
);

CREATE TABLE expert_engagement (
    expert_id  NVARCHAR(64) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position   INT          NOT NULL,
    engagement VARCHAR(16)  NOT NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_expert_engagement ON expert_engagement (engagement);

CREATE TABLE publications (
    expert_id NVARCHAR(64)   NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position  INT            NOT NULL,
    title     NVARCHAR(1000) NULL,
    abstract  NVARCHAR(MAX)  NULL,
    year      INT            NULL,
    venue     NVARCHAR(500)  NULL,
    doi       NVARCHAR(300)  NULL,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX ix_publications_doi ON publications (doi);

CREATE TABLE publication_authors (
    expert_id            NVARCHAR(64)  NOT NULL,
    publication_position INT           NOT NULL,
    position             INT           NOT NULL,
    name                 NVARCHAR(300) NOT NULL,
    PRIMARY KEY (expert_id, publication_position, position),
    FOREIGN KEY (expert_id, publication_position) REFERENCES publications (expert_id, position) ON DELETE CASCADE
);

CREATE TABLE audit (
    id         BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    expert_id  NVARCHAR(64)  NOT NULL,
    changed_at VARCHAR(40)   NOT NULL,
    changed_by NVARCHAR(200) NOT NULL,
    action     VARCHAR(16)   NOT NULL,
    changes    NVARCHAR(MAX) NOT NULL
);
CREATE INDEX ix_audit_expert ON audit (expert_id, id);

CREATE TABLE needs (
    id          NVARCHAR(64)   NOT NULL PRIMARY KEY,
    kind        VARCHAR(16)    NULL,
    title       NVARCHAR(500)  NULL,
    description NVARCHAR(MAX)  NULL,
    location    VARCHAR(16)    NULL,
    created_at  VARCHAR(40)    NOT NULL,
    updated_at  VARCHAR(40)    NOT NULL,
    changed_by  NVARCHAR(200)  NOT NULL
);

CREATE TABLE need_terms (
    need_id  NVARCHAR(64)  NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    facet    VARCHAR(16)   NOT NULL,
    position INT           NOT NULL,
    value    NVARCHAR(500) NOT NULL,
    PRIMARY KEY (need_id, facet, position)
);
