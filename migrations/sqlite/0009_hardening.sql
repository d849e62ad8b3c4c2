-- Hardening (issue 18). See docs/security.md.

-- Signed-out sessions, by the hash of their id, until they would have expired anyway: a
-- request in flight when its user signed out saves the session back (every request renews
-- it); this list keeps it dead.
CREATE TABLE revoked_sessions (
    key      TEXT   PRIMARY KEY,
    until_at BIGINT NOT NULL
);

-- A failed message is sent again at most once: the new message names the one it retries, and
-- the unique index makes a second retry (two clicks, two agents) fail in the database.
ALTER TABLE messages ADD COLUMN retry_of BIGINT;
CREATE UNIQUE INDEX messages_retry_of ON messages (retry_of) WHERE retry_of IS NOT NULL;

-- The bot's work: every customer message in a conversation with the bot, written in the same
-- transaction as the message, and deleted in the same transaction as the bot's answer. A
-- crash in between leaves the row, and another worker (or this one after a restart) takes it
-- once its lease runs out.
CREATE TABLE bot_inbox (
    message_id      BIGINT  PRIMARY KEY,
    conversation_id BIGINT  NOT NULL,
    due_at          BIGINT  NOT NULL,
    claimed_until   BIGINT,
    attempts        BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX bot_inbox_conversation ON bot_inbox (conversation_id, message_id);
