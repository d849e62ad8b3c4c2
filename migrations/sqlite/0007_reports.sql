-- Reports read an append-only log of what happened to each conversation, written in the same
-- transaction as the change itself, so a figure never changes when a conversation is later
-- edited (relabelled, reassigned, resolved again). See docs/metrics.md.
--
-- kind: app::domain::reports::EventKind (created, customer_message, agent_reply, assigned,
-- unassigned, taken_over, handed_off, bot_resolved, handed_to_bot, resolved, reopened,
-- snoozed, woke, labelled, unlabelled, returned_to_queue).
-- actor_id: who did it (NULL: the customer, the bot or the desk itself).
-- assignee_id: the conversation's assignee right after the event.
-- label_id: for labelled / unlabelled.
-- detail: the start ('bot' | 'people') of created, the reason of handed_off,
-- 'confirmed' | 'quiet' for bot_resolved.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              BIGINT NOT NULL,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    kind            TEXT   NOT NULL,
    actor_id        BIGINT,
    assignee_id     BIGINT,
    label_id        BIGINT,
    detail          TEXT
);
CREATE INDEX events_by_time ON events (at);
CREATE INDEX events_by_conversation ON events (conversation_id, at, id);

-- What Meta says a sent message costs, from the `pricing` block of its status webhooks:
-- the category (marketing, utility, authentication, service…), whether it is billable, and
-- the pricing type (regular, free_customer_service, free_entry_point).
ALTER TABLE messages ADD COLUMN pricing_category TEXT;
ALTER TABLE messages ADD COLUMN pricing_billable BOOLEAN;
ALTER TABLE messages ADD COLUMN pricing_type TEXT;
CREATE INDEX messages_by_time ON messages (sent_at);

-- Statuses that arrive before their message keep their pricing until the message is known.
ALTER TABLE status_backlog ADD COLUMN pricing_category TEXT;
ALTER TABLE status_backlog ADD COLUMN pricing_billable BOOLEAN;
ALTER TABLE status_backlog ADD COLUMN pricing_type TEXT;
-- The dashboard: each agent's last reply, and failed sends by when Meta said so.
CREATE INDEX events_by_actor ON events (actor_id, kind, at);
CREATE INDEX messages_by_status_time ON messages (status, status_at);
-- Reports: conversations created in a period (ads).
CREATE INDEX conversations_by_creation ON conversations (created_at);
