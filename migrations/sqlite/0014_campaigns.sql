-- Broadcast campaigns (issue 21): saved segments, campaigns, and one durable row per
-- recipient. Filters, compositions and reasons are JSON of app::domain::campaigns types.

-- A contact's country (ISO code) from their number, for segments; '' when the number names
-- none. Filled by the store from app::domain::phone::country (a rule SQL cannot run).
ALTER TABLE contacts ADD COLUMN country TEXT;
CREATE INDEX contacts_without_country ON contacts (id) WHERE country IS NULL AND wa_id IS NOT NULL;
CREATE INDEX conversations_by_contact ON conversations (contact_id, status);

CREATE TABLE segments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT   NOT NULL UNIQUE,
    filter     TEXT   NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE campaigns (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT   NOT NULL,
    state             TEXT   NOT NULL,
    -- Why the desk stopped it by itself (StopReason), while stopped.
    stop_reason       TEXT,
    template_name     TEXT   NOT NULL,
    template_language TEXT   NOT NULL,
    template_category TEXT,
    composition       TEXT   NOT NULL,
    -- Where the recipients came from: a segment's filter (kept as launched) or a list.
    audience          TEXT   NOT NULL,
    -- What a reply does: 'bot' or 'queue'; what each quick-reply button does (JSON).
    replies_to        TEXT   NOT NULL,
    buttons           TEXT   NOT NULL DEFAULT '[]',
    start_at          BIGINT NOT NULL,
    quiet_hours       TEXT,
    rate_per_second   BIGINT NOT NULL,
    estimated_micros  BIGINT,
    currency          TEXT,
    created_by        BIGINT REFERENCES users (id),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    finished_at       BIGINT
);
CREATE INDEX campaigns_by_state ON campaigns (state, start_at);

CREATE TABLE campaign_recipients (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id     BIGINT NOT NULL REFERENCES campaigns (id),
    contact_id      BIGINT NOT NULL REFERENCES contacts (id),
    -- The recipient's row of an uploaded list (column -> value), for template values.
    columns         TEXT,
    state           TEXT   NOT NULL,
    state_rank      BIGINT NOT NULL,
    skip_reason     TEXT,
    -- Not before (the limit plan spreads big campaigns over days).
    due_at          BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    -- Handed to WhatsApp at, without an answer yet: in doubt until a status or the grace.
    send_started_at BIGINT,
    wamid           TEXT UNIQUE,
    error_code      BIGINT,
    error_title     TEXT,
    error_details   TEXT,
    estimated_category TEXT,
    estimated_micros   BIGINT,
    market             TEXT,
    charged_category   TEXT,
    charged_billable   BIGINT,
    sent_at         BIGINT,
    delivered_at    BIGINT,
    read_at         BIGINT,
    replied_at      BIGINT,
    failed_at       BIGINT,
    -- What went out (app::domain::message::MessageBody), and the bubble it becomes in the
    -- customer's conversation once they answer.
    body            TEXT,
    message_id      BIGINT REFERENCES messages (id),
    -- Queued again after Meta's limit (131049): only once.
    requeued        BIGINT NOT NULL DEFAULT 0,
    updated_at      BIGINT NOT NULL,
    UNIQUE (campaign_id, contact_id)
);
CREATE INDEX campaign_recipients_due ON campaign_recipients (state, due_at, campaign_id);
CREATE INDEX campaign_recipients_by_contact ON campaign_recipients (contact_id, sent_at);

-- The campaign a message shows (the bubble of a campaign in the customer's conversation).
ALTER TABLE messages ADD COLUMN campaign_id BIGINT REFERENCES campaigns (id);
