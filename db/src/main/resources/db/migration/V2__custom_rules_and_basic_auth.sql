-- Redirects/rewrites (Amplify App.customRules) and access control (App/Branch enableBasicAuth + credentials).
-- Credentials are stored only as BasicAuthHash ("sha256$<salt>$<digest>"), never the password.

ALTER TABLE apps ADD COLUMN custom_rules      JSONB   NOT NULL DEFAULT '[]';
ALTER TABLE apps ADD COLUMN enable_basic_auth BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN basic_auth_hash   TEXT;

ALTER TABLE branches ADD COLUMN enable_basic_auth BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE branches ADD COLUMN basic_auth_hash   TEXT;
