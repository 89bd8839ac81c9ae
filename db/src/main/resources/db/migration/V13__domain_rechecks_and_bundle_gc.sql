-- Verified domains are re-verified periodically (SLIPWAY_DOMAIN_RECHECK_INTERVAL): Amplify renews a managed certificate
-- only while the verification record stays in place (reference §8.3). next_check_time now schedules those re-checks too.
ALTER TABLE domain_associations
    ADD COLUMN last_verified_time   TIMESTAMPTZ,   -- the last lookup that found the token (NULL: not since this column)
    ADD COLUMN record_missing_since TIMESTAMPTZ;   -- a verified domain's record is gone since then; NULL: it is there

-- Certificate bundle blobs no row references any more (replaced by a renewal or an upload, or their domain deleted),
-- deleted from the blob store once SLIPWAY_BLOB_GC_GRACE has passed: an edge still on an older route snapshot may
-- fetch the old bundle until then.
CREATE TABLE retired_certificate_bundles (
    bundle_hash            TEXT PRIMARY KEY,
    retire_time            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX retired_certificate_bundles_by_time ON retired_certificate_bundles (retire_time);

-- A trigger rather than application code: a certificate row also goes away by cascade (domain or app deleted), which
-- no Java code sees.
CREATE FUNCTION retire_certificate_bundle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.bundle_hash IS DISTINCT FROM NEW.bundle_hash THEN
        INSERT INTO retired_certificate_bundles (bundle_hash) VALUES (OLD.bundle_hash)
            ON CONFLICT (bundle_hash) DO UPDATE SET retire_time = now();
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_certificates_retire_bundle
    AFTER UPDATE OF bundle_hash OR DELETE ON domain_certificates
    FOR EACH ROW EXECUTE FUNCTION retire_certificate_bundle();
