-- Status back to the git host (issue 5): per-app host connection, an outbox of calls to make, PR comment ids.

-- How Slipway reaches an app's git host API. The token is AES-256-GCM ciphertext (SecretCipher), never returned.
CREATE TABLE git_host_connections (
    app_id                 TEXT        PRIMARY KEY REFERENCES apps (app_id) ON DELETE CASCADE,
    provider               TEXT        NOT NULL,          -- github, gitlab, gitea, bitbucket
    api_url                TEXT        NOT NULL,          -- https://api.github.com, https://gitlab.example/api/v4, ...
    repository             TEXT        NOT NULL,          -- owner/name (GitLab: group/subgroup/project)
    token_enc              TEXT        NOT NULL,
    token_hint             TEXT        NOT NULL,          -- last characters, to tell tokens apart in the API
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Calls to the git host, written in the transaction that changes a job's state and sent by a background worker, so
-- a dead host never blocks a build and a killed control plane forgets nothing. A newer call for the same
-- outbox_key (a job's status, a pull request's comment) supersedes an unsent older one; calls of one key go in order.
CREATE TABLE git_host_outbox (
    id                     BIGSERIAL   PRIMARY KEY,
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    outbox_key             TEXT        NOT NULL,
    kind                   TEXT        NOT NULL,          -- STATUS or COMMENT
    payload                JSONB       NOT NULL,
    state                  TEXT        NOT NULL DEFAULT 'PENDING',  -- PENDING, SENT, FAILED, SUPERSEDED
    attempts               INT         NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_until          TIMESTAMPTZ,
    last_error             TEXT,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_time              TIMESTAMPTZ
);
CREATE INDEX git_host_outbox_due ON git_host_outbox (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX git_host_outbox_by_key ON git_host_outbox (outbox_key, id) WHERE state = 'PENDING';
CREATE INDEX git_host_outbox_by_app ON git_host_outbox (app_id, id DESC);

-- The one comment per pull request that Slipway keeps up to date (edited in place on rebuilds).
CREATE TABLE pull_request_comments (
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    pull_request_number    BIGINT      NOT NULL,
    comment_id             TEXT        NOT NULL,
    PRIMARY KEY (app_id, pull_request_number)
);

-- Builds of pull requests from forks get the app's secrets only when the app allows it (off by default).
ALTER TABLE apps ADD COLUMN pull_request_fork_secrets BOOLEAN NOT NULL DEFAULT FALSE;
