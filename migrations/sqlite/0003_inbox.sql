-- The agent console: what the conversation list shows without scanning messages, notes and
-- activity lines in the thread, labels, contact attributes and team settings.

-- Maintained on every message: the list's preview, unread count and queue order.
ALTER TABLE conversations ADD COLUMN last_message_id BIGINT;
ALTER TABLE conversations ADD COLUMN unread BIGINT NOT NULL DEFAULT 0;
-- Since when the customer waits for a human answer (NULL once answered).
ALTER TABLE conversations ADD COLUMN waiting_since BIGINT;
ALTER TABLE conversations ADD COLUMN snoozed_until BIGINT;
UPDATE conversations SET last_message_id = (SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id);
CREATE INDEX conversations_by_activity ON conversations (last_message_at, id);
CREATE INDEX conversations_by_status ON conversations (status, last_message_at, id);
CREATE INDEX conversations_by_assignee ON conversations (assignee_id, status, last_message_at, id);
-- The queue is served oldest wait first: an index on exactly that order (the planner ignores
-- a partial index here), and one the view counts can answer from.
CREATE INDEX conversations_queue ON conversations (status, assignee_id, COALESCE(waiting_since, last_message_at), id);
CREATE INDEX conversations_counts ON conversations (status, assignee_id, unread);

-- Notes and activity lines are messages of kind 'note' / 'activity' that never leave the desk
-- (direction 'outbound', no status, nothing to send). 'preview' is the one-line text of any
-- message, for the list and for search; 'echo_id' is the console's id for a message it sent.
ALTER TABLE messages ADD COLUMN preview TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN echo_id TEXT;
CREATE INDEX media_by_message ON media (message_id);

-- Free-form attributes an agent records about a customer (JSON object of strings).
ALTER TABLE contacts ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';

CREATE TABLE labels (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT   NOT NULL UNIQUE,
    color      TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE conversation_labels (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    label_id        BIGINT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_by_label ON conversation_labels (label_id, conversation_id);

-- Team-wide settings an admin changes at run time (key -> JSON value).
CREATE TABLE settings (
    key        TEXT   PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
