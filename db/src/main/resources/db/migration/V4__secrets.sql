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
