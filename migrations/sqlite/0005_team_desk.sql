-- Sharing one number as a team: managed labels, quick replies, assignment and the queue.

-- Label names are unique whatever their case. 'name_key' is the name folded by
-- app::domain::labels::name_key (Unicode-aware, unlike SQLite's LOWER).
ALTER TABLE labels ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE labels ADD COLUMN name_key TEXT;
ALTER TABLE labels ADD COLUMN updated_at BIGINT;
UPDATE labels SET name_key = LOWER(name), updated_at = created_at;
CREATE UNIQUE INDEX labels_by_name_key ON labels (name_key);

-- Canned answers. Shared ones (owner_id NULL) are managed by supervisors; personal ones
-- belong to one user. A shortcut is unique among the shared ones and among each user's own.
CREATE TABLE quick_replies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   BIGINT REFERENCES users (id) ON DELETE CASCADE,
    shortcut   TEXT   NOT NULL,
    title      TEXT   NOT NULL,
    body       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX quick_replies_by_shortcut ON quick_replies ((COALESCE(owner_id, 0)), shortcut);

-- Round robin gives the next conversation to the agent who was given one longest ago.
ALTER TABLE users ADD COLUMN last_assigned_at BIGINT;

-- Snoozes that end at a time are woken in that order.
CREATE INDEX conversations_by_snooze ON conversations (snoozed_until) WHERE status = 'snoozed';
