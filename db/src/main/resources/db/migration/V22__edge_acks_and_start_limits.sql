-- Which route version each edge has applied (route/EdgeAcks): an edge may long-poll one control plane while another
-- waits for every edge to serve a new version (an ACME challenge). Rows silent for 90 s are forgotten.
CREATE TABLE edge_acks (
    edge_id  TEXT        PRIMARY KEY,
    version  BIGINT      NOT NULL,
    seen_at  TIMESTAMPTZ NOT NULL
);

-- The start-build rate limit of incoming webhooks (incoming/StartRateLimiter), shared by every control plane: a
-- token bucket kept as its "theoretical arrival time" (GCRA), so one UPDATE both checks and takes a token.
CREATE TABLE start_rate_limits (
    webhook_id  UUID        PRIMARY KEY REFERENCES incoming_webhooks (webhook_id) ON DELETE CASCADE,
    tat         TIMESTAMPTZ NOT NULL
);
