-- When staff marked a past booking as a no-show from the dashboard (NULL: not marked). Set once:
-- the update that sets it (only while NULL) is in the transaction that queues the one text
-- offering the caller to rebook, so a double click or two members of staff send it once.
ALTER TABLE bookings ADD COLUMN no_show_at BIGINT;
CREATE INDEX bookings_no_show ON bookings(business_id, no_show_at);
