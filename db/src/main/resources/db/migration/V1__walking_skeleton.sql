-- Apps, branches, jobs, logs, deployments, webhook deliveries, tokens, route version.
-- Status columns hold the enum names of the Java types (JobStatus, StepStatus).

CREATE TABLE apps (
    app_id                 TEXT PRIMARY KEY,
    name                   TEXT        NOT NULL,
    description            TEXT,
    repository             TEXT        NOT NULL,
    platform               TEXT        NOT NULL DEFAULT 'WEB',
    environment_variables  JSONB       NOT NULL DEFAULT '{}',
    build_spec             TEXT,
    enable_branch_auto_build BOOLEAN   NOT NULL DEFAULT TRUE,
    webhook_secret_enc     TEXT        NOT NULL,          -- AES-256-GCM, see SecretCipher
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE branches (
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    branch_name            TEXT        NOT NULL,
    stage                  TEXT        NOT NULL DEFAULT 'NONE',
    enable_auto_build      BOOLEAN     NOT NULL DEFAULT TRUE,
    environment_variables  JSONB       NOT NULL DEFAULT '{}',
    build_spec             TEXT,
    active_deployment_id   TEXT,
    last_job_number        BIGINT      NOT NULL DEFAULT 0,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, branch_name)
);

CREATE TABLE jobs (
    id                     BIGSERIAL PRIMARY KEY,
    app_id                 TEXT        NOT NULL,
    branch_name            TEXT        NOT NULL,
    job_number             BIGINT      NOT NULL,
    job_type               TEXT        NOT NULL,
    status                 TEXT        NOT NULL,
    status_reason          TEXT,
    commit_id              TEXT,
    commit_message         TEXT,
    commit_time            TIMESTAMPTZ,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    start_time             TIMESTAMPTZ,
    end_time               TIMESTAMPTZ,
    lease_id               TEXT,
    lease_owner            TEXT,
    lease_expires_at       TIMESTAMPTZ,
    leased_at              TIMESTAMPTZ,
    attempts               INT         NOT NULL DEFAULT 0,
    cancel_requested       BOOLEAN     NOT NULL DEFAULT FALSE,
    log_lines              BIGINT      NOT NULL DEFAULT 0,   -- lines stored for the whole job
    log_base               BIGINT      NOT NULL DEFAULT 0,   -- log_lines when the current lease began
    UNIQUE (app_id, branch_name, job_number),
    FOREIGN KEY (app_id, branch_name) REFERENCES branches (app_id, branch_name) ON DELETE CASCADE
);
CREATE INDEX jobs_pending ON jobs (id) WHERE status = 'PENDING';
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status IN ('PROVISIONING', 'RUNNING', 'CANCELLING');

CREATE TABLE job_steps (
    job_id                 BIGINT      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    step_name              TEXT        NOT NULL,
    ordinal                INT         NOT NULL,
    status                 TEXT        NOT NULL,
    status_reason          TEXT,
    start_time             TIMESTAMPTZ,
    end_time               TIMESTAMPTZ,
    PRIMARY KEY (job_id, step_name)
);

CREATE TABLE job_log_lines (
    job_id                 BIGINT      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    line_no                BIGINT      NOT NULL,
    line                   TEXT        NOT NULL,
    PRIMARY KEY (job_id, line_no)
);

CREATE TABLE deployments (
    deployment_id          TEXT PRIMARY KEY,
    app_id                 TEXT        NOT NULL,
    branch_name            TEXT        NOT NULL,
    job_id                 BIGINT      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    commit_id              TEXT,
    manifest_hash          TEXT        NOT NULL,
    file_count             INT         NOT NULL,
    total_bytes            BIGINT      NOT NULL,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (app_id, branch_name) REFERENCES branches (app_id, branch_name) ON DELETE CASCADE
);
CREATE INDEX deployments_by_branch ON deployments (app_id, branch_name, create_time DESC);

CREATE TABLE webhook_deliveries (
    id                     BIGSERIAL PRIMARY KEY,
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    provider               TEXT        NOT NULL,
    delivery_id            TEXT        NOT NULL,
    event                  TEXT,
    result                 TEXT        NOT NULL,          -- QUEUED, IGNORED
    reason                 TEXT,
    branch_name            TEXT,
    job_id                 BIGINT,
    received_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (app_id, provider, delivery_id)
);

CREATE TABLE api_tokens (
    token_hash             TEXT PRIMARY KEY,              -- sha256 hex of the token; the token itself is never stored
    name                   TEXT        NOT NULL,
    kind                   TEXT        NOT NULL,          -- USER, RUNNER, EDGE
    role                   TEXT        NOT NULL,          -- ADMIN for user tokens until roles land
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_time         TIMESTAMPTZ
);

CREATE TABLE route_state (
    id                     INT PRIMARY KEY CHECK (id = 1),
    version                BIGINT      NOT NULL
);
INSERT INTO route_state (id, version) VALUES (1, 1);
