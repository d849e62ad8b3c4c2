-- The language a customer writes in, among the desk's (detected from their messages; NULL
-- until a message says it clearly): the desk's own texts to them follow it (issue 19).
ALTER TABLE contacts ADD COLUMN language TEXT;
