-- Expired idempotency keys are purged by age.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Other campus systems. Each acts through a users row of its own (so what it
-- does is attributed like anyone's), which no one can sign in as.
CREATE TABLE service_accounts (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL UNIQUE REFERENCES users (id),
    name TEXT NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units (id),
    -- Space-separated OAuth scopes and address ranges.
    scopes TEXT NOT NULL,
    allowed_addresses TEXT NOT NULL,
    expires_on DATE,
    active BOOLEAN NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    last_used_addr TEXT
);

-- Secrets are kept as SHA-256 digests (they are 256 random bits, so a slow
-- hash adds nothing); two overlap while one is rotated out.
CREATE TABLE service_account_secrets (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES service_accounts (id),
    secret_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX service_account_secrets_account_idx ON service_account_secrets (account_id);
