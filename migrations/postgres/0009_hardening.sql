-- Hardening (issue 18). See docs/security.md.

-- Signed-out sessions, by the hash of their id, until they would have expired anyway: a
-- request in flight when its user signed out saves the session back (every request renews
-- it); this list keeps it dead.
CREATE TABLE revoked_sessions (
    key      TEXT   PRIMARY KEY,
    until_at BIGINT NOT NULL
);
