-- The integration API and outgoing webhooks. See docs/api.md.

-- API tokens: only a SHA-256 of each token is kept; the token is shown once when created.
-- owner_id: the user the token acts as (an admin when it was created).
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT   NOT NULL,
    scope        TEXT   NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    token_hash   TEXT   NOT NULL UNIQUE,
    prefix       TEXT   NOT NULL,
    owner_id     BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

-- Where events are pushed. events: the chosen app::domain::integrations::webhooks::EventType
-- names, comma-separated. secret: the HMAC-SHA256 signing key.
CREATE TABLE webhook_endpoints (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    url           TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    events        TEXT    NOT NULL,
    secret        TEXT    NOT NULL,
    allow_private BOOLEAN NOT NULL DEFAULT FALSE,
    enabled       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

-- One event for one endpoint, and how its delivery goes. event_key names the event
-- (message.created:42, event:17, message.updated:42:read): one row per endpoint and key, so
-- every instance may enqueue what it sees. payload: the JSON body, fixed at enqueue time.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id     BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_key       TEXT   NOT NULL,
    event_type      TEXT   NOT NULL,
    payload         TEXT   NOT NULL,
    state           TEXT   NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    last_status     BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    delivered_at    BIGINT,
    updated_at      BIGINT NOT NULL,
    UNIQUE (endpoint_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id);
