-- Campaign audiences uploaded as CSV files (issue 21): the list as checked, and its
-- recipients with their own columns (template values). A campaign's filter names the list.

CREATE TABLE campaign_lists (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT   NOT NULL,
    -- The columns usable as template values (JSON array of header names).
    columns        TEXT   NOT NULL,
    accepted       BIGINT NOT NULL,
    -- Contacts the list created (the rest matched existing ones).
    created        BIGINT NOT NULL,
    rejected_count BIGINT NOT NULL,
    -- The rejected rows as CSV, with their line and reason, to fix and upload again.
    rejected       TEXT   NOT NULL,
    created_by     BIGINT REFERENCES users (id),
    created_at     BIGINT NOT NULL
);

CREATE TABLE campaign_list_members (
    list_id    BIGINT NOT NULL REFERENCES campaign_lists (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    line       BIGINT NOT NULL,
    -- The name the file gave (the business's own record, used before WhatsApp's profile).
    name       TEXT,
    -- The row's other columns (JSON object: header -> value).
    columns    TEXT   NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX campaign_list_members_by_contact ON campaign_list_members (contact_id);
