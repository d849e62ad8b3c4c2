-- Languages and local times (issue 19). Each person may read times in their own time zone;
-- NULL follows the business's (the Reports settings' zone).
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- The language a customer writes in, among the desk's (detected from their messages; NULL
-- until a message says it clearly): the desk's own texts to them follow it.
ALTER TABLE contacts ADD COLUMN language TEXT;
