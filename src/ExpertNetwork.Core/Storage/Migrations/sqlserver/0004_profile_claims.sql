CREATE TABLE profile_claims (
    user_id    VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    expert_id  NVARCHAR(64)  NOT NULL UNIQUE REFERENCES experts (id) ON DELETE CASCADE,
    claimed_at VARCHAR(40)   NOT NULL,
    claimed_by NVARCHAR(400) NOT NULL
);

CREATE TABLE claim_tokens (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expert_id  NVARCHAR(64) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    created_at VARCHAR(40)  NOT NULL,
    expires_at VARCHAR(40)  NOT NULL,
    used_at    VARCHAR(40)  NULL
);
CREATE INDEX ix_claim_tokens_user ON claim_tokens (user_id);
CREATE INDEX ix_claim_tokens_expert ON claim_tokens (expert_id);
