-- Contacts as the business's customer record and data protection (issue 22).

-- A blocked contact: their messages are kept but raise no notification and stay out of the
-- queue (app::domain::contacts). Who blocked them, and whether Meta's block-users call took.
ALTER TABLE contacts ADD COLUMN blocked_at BIGINT;
ALTER TABLE contacts ADD COLUMN blocked_by BIGINT REFERENCES users (id);

-- An erased contact (right to erasure): identities, attributes and consent history deleted,
-- message contents removed; the row stays so reports keep anonymous counts.
ALTER TABLE contacts ADD COLUMN erased_at BIGINT;

-- Files to delete from the media store once no media or upload row names them (erasure,
-- retention): a durable queue, so a crash between the database and the disk loses nothing.
CREATE TABLE media_purge (
    sha256    TEXT   PRIMARY KEY,
    queued_at BIGINT NOT NULL
);

-- Keyset paging of the contacts screen, one index per order (app::domain::contacts::directory).
CREATE INDEX contacts_by_last_contact ON contacts ((COALESCE(last_inbound_at, 0)), id);
CREATE INDEX contacts_by_created ON contacts (created_at, id);
CREATE INDEX contacts_by_name ON contacts ((COALESCE(NULLIF(profile_name, ''), NULLIF(username, ''), wa_id, user_id, '')), id);

-- Who did what and when (app::domain::audit). Append-only: the triggers refuse changes.
-- An entry names people by id and keeps the actor's email as it was; a contact only by id.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         BIGINT NOT NULL,
    actor_id   BIGINT,
    actor      TEXT,
    action     TEXT   NOT NULL,
    subject    TEXT,
    -- JSON object: what changed (never a phone number or message text).
    detail     TEXT   NOT NULL DEFAULT '{}',
    ip         TEXT
);
CREATE INDEX audit_log_by_at ON audit_log (at, id);
CREATE INDEX audit_log_by_action ON audit_log (action, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
