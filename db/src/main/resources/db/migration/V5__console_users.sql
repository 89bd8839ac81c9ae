-- People who sign in to the console. Passwords are stored as Spring Security's delegating hash ({bcrypt}...).
CREATE TABLE users (
    username        TEXT PRIMARY KEY,
    email           TEXT,
    password_hash   TEXT        NOT NULL,
    role            TEXT        NOT NULL,   -- OWNER, ADMIN, DEVELOPER, VIEWER
    create_time     TIMESTAMPTZ NOT NULL DEFAULT now()
);
