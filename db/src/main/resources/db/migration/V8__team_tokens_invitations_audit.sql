-- API tokens belong to the user who created them (NULL for the bootstrap and service tokens); a token's role never
-- exceeds its creator's current role, and removing a member removes their tokens. Revoked by token_id.
ALTER TABLE api_tokens ADD COLUMN token_id BIGSERIAL UNIQUE;
ALTER TABLE api_tokens ADD COLUMN username TEXT REFERENCES users (username) ON DELETE CASCADE;

-- An invitation link carries a one-time token (stored as its SHA-256); accepting it creates the member.
CREATE TABLE invitations (
    invitation_id   BIGSERIAL PRIMARY KEY,
    email           TEXT        NOT NULL,
    role            TEXT        NOT NULL,
    token_hash      TEXT        NOT NULL UNIQUE,
    invited_by      TEXT        NOT NULL,
    create_time     TIMESTAMPTZ NOT NULL DEFAULT now(),
    expire_time     TIMESTAMPTZ NOT NULL,
    accept_time     TIMESTAMPTZ,
    accepted_by     TEXT
);

-- Every change made by a team member, through the API or the console: who, what, when, from where.
CREATE TABLE audit_events (
    event_id        BIGSERIAL PRIMARY KEY,
    event_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor           TEXT        NOT NULL,
    via             TEXT        NOT NULL,   -- API or CONSOLE
    action          TEXT        NOT NULL,   -- the endpoint: "POST /api/v1/apps/{appId}/branches"
    target          TEXT        NOT NULL,   -- the path called
    status          INT         NOT NULL,
    address         TEXT
);
CREATE INDEX audit_events_by_time ON audit_events (event_time DESC);
CREATE INDEX audit_events_by_actor ON audit_events (actor, event_time DESC);
