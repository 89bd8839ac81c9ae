-- Skew protection (issue 22): per branch, and whether a deployment renders on a server, since SSR deployments stay
-- pinnable by count (the last 8) and static ones by age (7 days). NULL for deployments recorded before this: static.
ALTER TABLE branches ADD COLUMN enable_skew_protection BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE deployments ADD COLUMN server_side BOOLEAN;
CREATE INDEX deployments_server_side_by_branch ON deployments (app_id, branch_name, create_time DESC) WHERE server_side;
