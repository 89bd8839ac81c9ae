-- Issue 23, protected deployments. access_mode holds what enable_basic_auth cannot say: 'TEAM' (visitors sign in
-- through the console and must be members), or on a branch 'NONE' (public even when the app is protected). NULL keeps
-- the meaning of before: basic auth when enable_basic_auth, else (on a branch) the app's setting.
-- access_scope: 'ALL_DEPLOYMENTS' or 'PREVIEWS_AND_IMMUTABLE' (production branches' hosts stay public).
ALTER TABLE apps ADD COLUMN access_mode TEXT;
ALTER TABLE apps ADD COLUMN access_scope TEXT NOT NULL DEFAULT 'ALL_DEPLOYMENTS';
ALTER TABLE branches ADD COLUMN access_mode TEXT;
ALTER TABLE branches ADD COLUMN access_scope TEXT NOT NULL DEFAULT 'ALL_DEPLOYMENTS';

-- Bypass tokens for automation: only a SHA-256 of the token is kept (it is random and shown once).
CREATE TABLE bypass_tokens (
    token_id    TEXT        PRIMARY KEY,
    app_id      TEXT        NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    name        TEXT        NOT NULL,
    token_hash  TEXT        NOT NULL UNIQUE,
    created_by  TEXT,
    create_time TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX bypass_tokens_by_app ON bypass_tokens (app_id, create_time);

-- The control plane's Ed25519 key pair that signs visitors' sign-in tokens (private key encrypted like other secrets;
-- one row, written by whichever control plane needs it first). Edges get the public key in the route snapshot.
CREATE TABLE protection_keys (
    id                    INT  PRIMARY KEY CHECK (id = 1),
    private_key_encrypted TEXT NOT NULL,
    public_key            TEXT NOT NULL
);
