-- Background tasks run on one control plane at a time (cluster/ClusterTasks): a task's row names its holder (host
-- name and a random per-process id) and when its lease ends. Every time is the database's now(), so control planes
-- with skewed clocks agree; a holder that dies (kill -9) simply stops renewing and the lease lapses after the hold.
CREATE TABLE task_locks (
    name        TEXT        PRIMARY KEY,
    holder      TEXT        NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,       -- when the current holder took it (a renewal keeps it)
    expires_at  TIMESTAMPTZ NOT NULL
);

-- What ran where: one row per run of a periodic task, one per holding period of a long-running loop (its finished_at
-- moves with every renewal while it holds the lock), so an observer can check "once per interval, never on two
-- control planes at once". Rows older than an hour are deleted as new ones are written.
CREATE TABLE task_runs (
    id          BIGSERIAL   PRIMARY KEY,
    name        TEXT        NOT NULL,
    holder      TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX task_runs_by_name ON task_runs (name, started_at);
