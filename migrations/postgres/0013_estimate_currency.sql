-- The currency of a message's estimated price (the rate card's when it was queued).
ALTER TABLE messages ADD COLUMN estimated_currency TEXT;
