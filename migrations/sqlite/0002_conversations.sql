-- Customers, their conversations and messages, and the number's templates.
-- Times are unix milliseconds. JSON columns hold app::domain::message types.
CREATE TABLE contacts (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    wa_id                TEXT UNIQUE,
    user_id              TEXT UNIQUE,
    parent_user_id       TEXT,
    profile_name         TEXT,
    username             TEXT,
    marketing            TEXT   NOT NULL DEFAULT 'unknown',
    marketing_changed_at BIGINT,
    last_inbound_at      BIGINT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);

CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id       BIGINT NOT NULL REFERENCES contacts (id),
    status           TEXT   NOT NULL CHECK (status IN ('bot', 'open', 'snoozed', 'resolved')),
    assignee_id      BIGINT REFERENCES users (id),
    referral         TEXT,
    last_message_at  BIGINT NOT NULL,
    resolved_at      BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- At most one unresolved conversation per contact.
CREATE UNIQUE INDEX conversations_one_unresolved ON conversations (contact_id) WHERE status <> 'resolved';

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    contact_id      BIGINT NOT NULL REFERENCES contacts (id),
    wamid           TEXT UNIQUE,
    direction       TEXT   NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    sender          TEXT   NOT NULL CHECK (sender IN ('contact', 'agent', 'bot', 'system')),
    sender_user_id  BIGINT REFERENCES users (id),
    kind            TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    context         TEXT,
    referral        TEXT,
    raw             TEXT,
    status          TEXT,
    status_rank     BIGINT,
    status_at       BIGINT,
    error_code      BIGINT,
    error_title     TEXT,
    error_details   TEXT,
    sent_at         BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    -- Outbound queue: what to send (app::domain::outbound::Outbound), the wamid it answers,
    -- attempts so far, when to try next, and when a send was last handed to Meta without an
    -- answer yet (in doubt until a status or the grace period settles it).
    outbound        TEXT,
    reply_to        TEXT,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    send_started_at BIGINT
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
CREATE INDEX messages_to_send ON messages (status, next_attempt_at);
CREATE INDEX messages_by_contact ON messages (contact_id, id);

-- Statuses that arrived before we knew the message's wamid; applied once we do.
CREATE TABLE status_backlog (
    wamid         TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    status_rank   BIGINT NOT NULL,
    at            BIGINT NOT NULL,
    error_code    BIGINT,
    error_title   TEXT,
    error_details TEXT,
    PRIMARY KEY (wamid, status)
);

CREATE TABLE templates (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    meta_id          TEXT   NOT NULL UNIQUE,
    name             TEXT   NOT NULL,
    language         TEXT   NOT NULL,
    status           TEXT   NOT NULL,
    status_reason    TEXT,
    category         TEXT,
    quality          TEXT,
    parameter_format TEXT,
    -- app::domain::templates::TemplateContent as JSON.
    components       TEXT   NOT NULL DEFAULT '{}',
    synced_at        BIGINT,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX templates_name_language ON templates (name, language);

-- Media the customers sent: fetched from Meta into a content-addressed store under the data
-- directory (media/<sha256>), served only to signed-in users.
CREATE TABLE media (
    media_id        TEXT   PRIMARY KEY,
    message_id      BIGINT NOT NULL REFERENCES messages (id),
    kind            TEXT   NOT NULL,
    mime_type       TEXT,
    filename        TEXT,
    sha256          TEXT,
    size            BIGINT,
    state           TEXT   NOT NULL CHECK (state IN ('pending', 'stored', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    error           TEXT,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX media_to_fetch ON media (state, next_attempt_at);
