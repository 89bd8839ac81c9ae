-- Compute hosts (SSR) announce themselves by heartbeat; the route snapshot lists them for edges.
CREATE TABLE compute_hosts (
    url       TEXT PRIMARY KEY,
    host_id   TEXT NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL DEFAULT now()
);
