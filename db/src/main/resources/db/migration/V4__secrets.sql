-- App- and branch-level build secrets (issue 3). A NULL branch_name is an app-level secret; a branch's secret with
-- the same name overrides it in that branch's builds. Values are AES-256-GCM ciphertext (SecretCipher), never
-- returned by the API. Deleting the app or the branch deletes its secrets (the composite foreign key is not
-- checked for app-level rows, whose branch_name is NULL).

CREATE TABLE secrets (
    app_id                 TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    branch_name            TEXT,
    name                   TEXT        NOT NULL,
    value_enc              TEXT        NOT NULL,
    create_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (app_id, branch_name) REFERENCES branches (app_id, branch_name) ON DELETE CASCADE
);
CREATE UNIQUE INDEX secrets_scope_name ON secrets (app_id, (COALESCE(branch_name, '')), name);

-- Build caches (issue 3, kept in this migration because V2 and V3 are taken by parallel work): the blob of the last
-- successful build's cache.paths per branch, and whether a job was started with "clear cache".
CREATE TABLE build_caches (
    app_id                 TEXT        NOT NULL,
    branch_name            TEXT        NOT NULL,
    blob_hash              TEXT        NOT NULL,          -- sha256 of a tar in the blob store
    update_time            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, branch_name),
    FOREIGN KEY (app_id, branch_name) REFERENCES branches (app_id, branch_name) ON DELETE CASCADE
);

ALTER TABLE jobs ADD COLUMN clear_cache BOOLEAN NOT NULL DEFAULT FALSE;
