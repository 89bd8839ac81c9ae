-- Build notifications (issue 21): per-app rules, and an outbox of deliveries (emails, outgoing webhooks).

-- An app's rules as one JSON array, replaced as a whole by PUT. A webhook rule's signing secret is stored as
-- AES-256-GCM ciphertext (SecretCipher, key "secretEnc") and never returned.
CREATE TABLE notification_rules (
    app_id                 TEXT        PRIMARY KEY REFERENCES apps (app_id) ON DELETE CASCADE,
    rules                  JSONB       NOT NULL,
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One message to one target, written in the transaction that ends a job and sent by a background worker with
-- retries (like git_host_outbox). The body is built when the job ends and holds no secret; the signing secret of a
-- webhook stays encrypted here until the HMAC is computed.
CREATE TABLE notification_deliveries (
    id                     BIGSERIAL   PRIMARY KEY,
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    branch_name            TEXT        NOT NULL,
    job_id                 TEXT        NOT NULL,
    job_status             TEXT        NOT NULL,          -- SUCCEED or FAILED
    channel                TEXT        NOT NULL,          -- EMAIL or WEBHOOK
    target                 TEXT        NOT NULL,          -- address or URL
    subject                TEXT,                          -- emails
    body                   TEXT        NOT NULL,
    secret_enc             TEXT,                          -- webhooks with a secret
    state                  TEXT        NOT NULL DEFAULT 'PENDING',  -- PENDING, SENT, FAILED
    attempts               INT         NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_until          TIMESTAMPTZ,
    last_error             TEXT,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_time              TIMESTAMPTZ
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX notification_deliveries_by_app ON notification_deliveries (app_id, id DESC);
