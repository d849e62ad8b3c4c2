-- Templates in the console: files uploaded for template headers (WhatsApp keeps an uploaded
-- file for 30 days, so the picker offers recent ones again), and the window filter's index.

CREATE TABLE uploads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    -- WhatsApp's id of the uploaded file.
    media_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    mime_type   TEXT NOT NULL,
    filename    TEXT NOT NULL,
    size        BIGINT NOT NULL,
    -- The bytes in our media store, for previews.
    sha256      TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX uploads_by_kind ON uploads (kind, uploaded_at);

-- "Window closing soon" / "window closed" filter the list by the customer's latest message.
CREATE INDEX contacts_by_last_inbound ON contacts (last_inbound_at);
