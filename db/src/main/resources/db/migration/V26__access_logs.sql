-- Issue 21: access logs and the Monitoring page. Edges post batches of requests; each batch becomes one gzip JSON-lines
-- blob per app and hour (a "part": several edges and control planes write the same hour, so parts are added, never
-- rewritten), indexed here, plus per-minute counts per app and branch for the charts. Both are purged after
-- SLIPWAY_ACCESS_LOG_RETENTION; an app's removal drops its rows (and blob GC its parts).
CREATE TABLE access_log_parts (
    id          BIGSERIAL   PRIMARY KEY,
    app_id      TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    hour        TIMESTAMPTZ NOT NULL,
    blob_key    TEXT        NOT NULL,
    entries     INTEGER     NOT NULL,
    create_time TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX access_log_parts_app_hour ON access_log_parts (app_id, hour);
CREATE INDEX access_log_parts_hour ON access_log_parts (hour);

-- branch_name '' = requests answered without a branch (redirects to a branch, refusals before routing).
-- latency: request counts per fixed bucket of dev.slipway.controlplane.accesslog.LatencyBuckets, so percentiles of any
-- range are computed from summed buckets.
CREATE TABLE access_log_minutes (
    app_id      TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    branch_name TEXT        NOT NULL,
    minute      TIMESTAMPTZ NOT NULL,
    requests    BIGINT      NOT NULL,
    bytes_sent  BIGINT      NOT NULL,
    errors_4xx  BIGINT      NOT NULL,
    errors_5xx  BIGINT      NOT NULL,
    blocked     BIGINT      NOT NULL,
    latency     BIGINT[]    NOT NULL,
    PRIMARY KEY (app_id, branch_name, minute)
);
CREATE INDEX access_log_minutes_minute ON access_log_minutes (minute);
