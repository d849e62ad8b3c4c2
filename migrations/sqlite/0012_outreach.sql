-- The desk speaks first (issue 20): marketing consent with its history, numbers WhatsApp
-- cannot reach, and what each message was expected to cost.

-- Every change of a contact's marketing consent: when, to what, how (app::domain::consent::
-- ConsentSource: keyword, button, form, import, agent, api, whatsapp, meta_refusal), the
-- note (the keyword written, the agent's reason, Meta's words) and the agent who made it.
-- contacts.marketing stays the current state; this is its history.
CREATE TABLE consent_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    at         BIGINT NOT NULL,
    consent    TEXT   NOT NULL,
    source     TEXT   NOT NULL,
    note       TEXT,
    actor_id   BIGINT REFERENCES users (id)
);
CREATE INDEX consent_events_by_contact ON consent_events (contact_id, at);

-- WhatsApp said the number cannot receive messages (131026: not on WhatsApp, or an old
-- app): when, and Meta's code. Cleared when the customer writes or a message reaches them.
ALTER TABLE contacts ADD COLUMN unreachable_at BIGINT;
ALTER TABLE contacts ADD COLUMN unreachable_code BIGINT;

-- What the desk expected a message to cost when it was queued (app::domain::pricing), beside
-- what Meta's status webhook later says it charged (pricing_category / pricing_type).
ALTER TABLE messages ADD COLUMN estimated_category TEXT;
ALTER TABLE messages ADD COLUMN estimated_micros BIGINT;
-- The recipient's pricing market at the time of sending (rates differ by market).
ALTER TABLE messages ADD COLUMN market TEXT;
