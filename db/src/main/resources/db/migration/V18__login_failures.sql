-- Failed console sign-ins (LoginThrottle), in the database so every control-plane replica counts the same tries.
-- One row per normalised user name and client address (an IPv6 client counts per /64). A row whose failures are
-- older than the lock and that never signed in is deleted; last_success marks an address the user signed in from,
-- which a spray from other addresses does not lock out.
CREATE TABLE login_failures (
    username_key    TEXT        NOT NULL,
    address         TEXT        NOT NULL,
    failures        INT         NOT NULL DEFAULT 0,
    window_start    TIMESTAMPTZ,            -- first failure of the current run; a run ends after a quiet lock period
    last_failure    TIMESTAMPTZ,
    last_success    TIMESTAMPTZ,
    PRIMARY KEY (username_key, address)
);
CREATE INDEX login_failures_by_last_failure ON login_failures (last_failure);
