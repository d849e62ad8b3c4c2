-- The built-in bot: its knowledge (FAQ and catalog) and where each conversation with it stands.
-- The bot's configuration is JSON in settings ('bot'); 'bot_enabled' says whether new
-- conversations start with it.

-- Per conversation: the bot's state (JSON app::domain::bot::engine::BotState), a turn counter
-- that makes each turn's write conditional, and what became of it for reports:
-- bot_outcome 'handed_off' | 'taken_over' | 'resolved'; bot_reason the handoff reason
-- (app::domain::bot::HandoffReason) or 'confirmed' | 'quiet' for a resolution.
ALTER TABLE conversations ADD COLUMN bot_state TEXT;
ALTER TABLE conversations ADD COLUMN bot_turn BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN bot_started_at BIGINT;
ALTER TABLE conversations ADD COLUMN bot_ended_at BIGINT;
ALTER TABLE conversations ADD COLUMN bot_outcome TEXT;
ALTER TABLE conversations ADD COLUMN bot_reason TEXT;
CREATE INDEX conversations_by_bot_start ON conversations (bot_started_at) WHERE bot_started_at IS NOT NULL;
-- The quiet-customer sweep reads the bot's conversations by last activity.
CREATE INDEX conversations_with_bot ON conversations (last_message_at) WHERE status = 'bot';

-- Questions the bot answers: several phrasings (JSON array of strings), one answer.
CREATE TABLE bot_faq (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT   NOT NULL,
    phrasings  TEXT   NOT NULL,
    answer     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Products and services the bot searches. A CSV import updates rows by SKU.
CREATE TABLE bot_products (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    sku         TEXT,
    name        TEXT   NOT NULL,
    description TEXT   NOT NULL DEFAULT '',
    price       TEXT,
    link        TEXT,
    image_url   TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX bot_products_by_sku ON bot_products (sku) WHERE sku IS NOT NULL;
