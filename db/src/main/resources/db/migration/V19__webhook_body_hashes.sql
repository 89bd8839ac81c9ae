-- Signed webhook bodies seen per app (SHA-256), so a captured delivery replayed under a new delivery id is a
-- DUPLICATE within the window (WebhookIntakeService); rows older than the window are deleted as new ones arrive.
CREATE TABLE webhook_body_hashes (
    app_id          TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    provider        TEXT        NOT NULL,
    body_sha256     TEXT        NOT NULL,
    delivery_id     TEXT        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, provider, body_sha256)
);
CREATE INDEX webhook_body_hashes_by_time ON webhook_body_hashes (app_id, received_at);
