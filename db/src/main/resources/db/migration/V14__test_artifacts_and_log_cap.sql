-- Test artifacts (amplify.yml test.artifacts) a runner reported with a job's completion: blobs already in the blob
-- store, listed and downloaded per job; the rows keep the blobs from blob GC for as long as the job exists.
CREATE TABLE job_test_artifacts (
    job_id       BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    path         TEXT   NOT NULL,
    blob_hash    TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    PRIMARY KEY (job_id, path)
);
CREATE INDEX job_test_artifacts_blob ON job_test_artifacts (blob_hash);

-- The mochawesome counts of the test report (configFilePath), when there was one.
ALTER TABLE jobs
    ADD COLUMN test_report_path TEXT,
    ADD COLUMN test_tests       INT,
    ADD COLUMN test_passes      INT,
    ADD COLUMN test_failures    INT;

-- The control plane's own log cap (SLIPWAY_MAX_LOG_SIZE): bytes stored for the whole job, whether the cap was hit
-- (its marker line is written once), and lines acknowledged to the current lease, dropped ones included, so a
-- runner is never asked to resend what was dropped on purpose.
ALTER TABLE jobs
    ADD COLUMN log_bytes  BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN log_capped BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN log_acked  BIGINT  NOT NULL DEFAULT 0;

UPDATE jobs j SET log_acked = j.log_lines - j.log_base,
                  log_bytes = COALESCE((SELECT sum(octet_length(l.line) + 1) FROM job_log_lines l
                                        WHERE l.job_id = j.id), 0);
