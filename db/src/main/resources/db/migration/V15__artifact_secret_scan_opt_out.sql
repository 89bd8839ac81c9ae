-- Per-app opt-out of the runner's artifact secret scan (a deploy whose files contain a secret value stops). On by
-- default, existing apps included; log masking does not depend on it.
ALTER TABLE apps
    ADD COLUMN artifact_secret_scan BOOLEAN NOT NULL DEFAULT TRUE;
