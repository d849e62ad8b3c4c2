-- Users who sign in to the desk, and login throttling state. Times are unix milliseconds.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    password_hash TEXT    NOT NULL,
    capacity      BIGINT  NOT NULL DEFAULT 5,
    language      TEXT,
    disabled      BOOLEAN NOT NULL DEFAULT 0,
    auth_epoch    BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE login_failures (
    key     TEXT   PRIMARY KEY,
    count   BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
