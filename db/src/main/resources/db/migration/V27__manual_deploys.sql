-- Manual deploys (Amplify's CreateDeployment / StartDeployment): an app may be created without a repository and is
-- then deployed from zips only; a MANUAL job's zip (uploaded to the control plane, kept in the blob store so any
-- control plane can process it) or source URL, and how long its upload URL stays valid.
ALTER TABLE apps ALTER COLUMN repository DROP NOT NULL;

CREATE TABLE manual_deploys (
    job_id            BIGINT      PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    app_id            TEXT        NOT NULL,
    branch_name       TEXT        NOT NULL,
    source_url        TEXT,                       -- StartDeployment's sourceUrl, fetched by the control plane
    zip_key           TEXT,                       -- the uploaded zip's blob, once PUT
    zip_bytes         BIGINT,
    zip_owned         BOOLEAN     NOT NULL DEFAULT FALSE, -- the upload stored the blob (it was not there before)
    upload_expires_at TIMESTAMPTZ NOT NULL,
    create_time       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX manual_deploys_branch ON manual_deploys (app_id, branch_name);
