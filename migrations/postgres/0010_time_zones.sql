-- Languages and local times (issue 19). Each person may read times in their own time zone;
-- NULL follows the business's (the Reports settings' zone).
ALTER TABLE users ADD COLUMN time_zone TEXT;
