-- Issue 23: an app's edge firewall (allow/deny by CIDR and country, per-client rate limits), as the API's JSON
-- (dev.slipway.protocol.firewall.FirewallRules). One row per app that has rules; no row lets everything through.
CREATE TABLE app_firewalls (
    app_id      TEXT        PRIMARY KEY REFERENCES apps (app_id) ON DELETE CASCADE,
    rules       JSONB       NOT NULL,
    update_time TIMESTAMPTZ NOT NULL DEFAULT now()
);
