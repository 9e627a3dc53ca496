CREATE TABLE profile_claims (
    user_id    TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    expert_id  TEXT NOT NULL UNIQUE REFERENCES experts (id) ON DELETE CASCADE,
    claimed_at TEXT NOT NULL,
    claimed_by TEXT NOT NULL
);

CREATE TABLE claim_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expert_id  TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NULL
);
CREATE INDEX ix_claim_tokens_user ON claim_tokens (user_id);
CREATE INDEX ix_claim_tokens_expert ON claim_tokens (expert_id);
