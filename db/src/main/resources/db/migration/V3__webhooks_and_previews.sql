-- Webhook delivery log with rejected deliveries, incoming build webhooks, pull-request previews, branch auto-detection.

-- Rejected deliveries (bad signature) and redeliveries (DUPLICATE) are logged too, but must never make the genuine
-- delivery with the same id look like a redelivery: only processed ones (QUEUED, IGNORED, REMOVED) take part in
-- dedupe. The unprocessed ones are capped per app (DeliveryRepository.UNPROCESSED_KEPT).
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_app_id_provider_delivery_id_key;
CREATE UNIQUE INDEX webhook_deliveries_dedupe ON webhook_deliveries (app_id, provider, delivery_id)
    WHERE result NOT IN ('REJECTED', 'DUPLICATE');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (app_id, id DESC);
CREATE INDEX webhook_deliveries_unprocessed ON webhook_deliveries (app_id, id)
    WHERE result IN ('REJECTED', 'DUPLICATE');

-- Amplify's incoming webhooks: POST /webhooks?id=<webhook_id>&token=<token> starts a build of one branch.
CREATE TABLE incoming_webhooks (
    webhook_id             UUID PRIMARY KEY,
    app_id                 TEXT        NOT NULL,
    branch_name            TEXT        NOT NULL,
    description            TEXT,
    token_hash             TEXT        NOT NULL,          -- sha256 hex of the token; the token is shown once
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    delete_time            TIMESTAMPTZ,                   -- kept after DeleteWebhook so callers get 404, not 401
    FOREIGN KEY (app_id, branch_name) REFERENCES branches (app_id, branch_name) ON DELETE CASCADE
);
CREATE INDEX incoming_webhooks_by_app ON incoming_webhooks (app_id, create_time);

-- Pull-request previews: the base branch opts in; a preview branch (stage PULL_REQUEST) remembers its PR.
ALTER TABLE branches
    ADD COLUMN enable_pull_request_preview BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN pull_request_number        BIGINT,
    ADD COLUMN source_branch              TEXT,
    ADD COLUMN destination_branch         TEXT,
    ADD COLUMN pull_request_from_fork     BOOLEAN NOT NULL DEFAULT FALSE;  -- secrets withheld from its builds

-- Branch auto-detection (reference §6.1).
ALTER TABLE apps
    ADD COLUMN enable_auto_branch_creation   BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN auto_branch_creation_patterns JSONB   NOT NULL DEFAULT '[]',
    ADD COLUMN auto_branch_creation_config   JSONB,
    ADD COLUMN enable_branch_auto_deletion   BOOLEAN NOT NULL DEFAULT FALSE;
