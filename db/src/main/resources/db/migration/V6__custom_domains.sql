-- Custom domains (reference §8): Amplify's domain associations, their certificates, the ACME account and the
-- HTTP-01 challenges edges answer.

-- A domain belongs to one app at a time, whatever the app: the name is the key.
CREATE TABLE domain_associations (
    domain_name            TEXT PRIMARY KEY,
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    sub_domain_settings    JSONB       NOT NULL DEFAULT '[]',   -- [{"prefix":"www","branchName":"main"}]
    enable_auto_sub_domain BOOLEAN     NOT NULL DEFAULT FALSE,
    auto_sub_domain_patterns JSONB     NOT NULL DEFAULT '[]',
    certificate_type       TEXT        NOT NULL DEFAULT 'AMPLIFY_MANAGED',  -- or CUSTOM (uploaded)
    verification_token     TEXT        NOT NULL,             -- expected in TXT _slipway-challenge.<domain>
    domain_status          TEXT        NOT NULL,
    status_reason          TEXT,
    verified               BOOLEAN     NOT NULL DEFAULT FALSE,
    verification_deadline  TIMESTAMPTZ NOT NULL,             -- still no record then: FAILED
    next_check_time        TIMESTAMPTZ NOT NULL DEFAULT now(),
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX domain_associations_by_app ON domain_associations (app_id, domain_name);
CREATE INDEX domain_associations_due ON domain_associations (next_check_time);

-- The certificate a domain's hosts are served with: issued by ACME or uploaded. The key is sealed with the master key;
-- edges get it through the blob bundle_hash, sealed with the TLS key instead.
CREATE TABLE domain_certificates (
    domain_name            TEXT PRIMARY KEY REFERENCES domain_associations (domain_name) ON DELETE CASCADE,
    source                 TEXT        NOT NULL,             -- ACME or UPLOADED
    hosts                  JSONB       NOT NULL,             -- the names it covers (SANs)
    chain_pem              TEXT        NOT NULL,
    key_enc                TEXT        NOT NULL,
    bundle_hash            TEXT        NOT NULL,
    serial_number          TEXT        NOT NULL,
    not_before             TIMESTAMPTZ NOT NULL,
    not_after              TIMESTAMPTZ NOT NULL,
    route_version          BIGINT      NOT NULL,             -- edges serving this version or later present it
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Managed certificate orders: one row per domain while an order is due, running, or backing off after a failure.
CREATE TABLE certificate_orders (
    domain_name            TEXT PRIMARY KEY REFERENCES domain_associations (domain_name) ON DELETE CASCADE,
    attempts               INT         NOT NULL DEFAULT 0,
    next_attempt_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error             TEXT
);

CREATE TABLE acme_challenges (
    token                  TEXT PRIMARY KEY,
    key_authorization      TEXT        NOT NULL,
    domain_name            TEXT        NOT NULL,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One ACME account per directory URL; its key sealed with the master key.
CREATE TABLE acme_accounts (
    directory_url          TEXT PRIMARY KEY,
    key_pem_enc            TEXT        NOT NULL,
    account_url            TEXT,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);
