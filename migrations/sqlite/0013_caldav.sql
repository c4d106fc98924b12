-- CalDAV write-back (booking.caldav): each booking is written into the owner's calendar
-- collection by the worker in jobs/caldav.rs. The bookings row stays the source of truth; these
-- columns say how far its copy on the calendar server has caught up.

-- The profile's booking.caldav.url, NULL when write-back is off (what the worker's claim joins on).
ALTER TABLE businesses ADD COLUMN caldav_url TEXT;
-- When a booking last reached the business's calendar server.
ALTER TABLE businesses ADD COLUMN caldav_synced_at BIGINT;

-- caldav_sequence: the bookings.sequence last written (NULL: never); the row is due while it is
-- behind. caldav_etag: the server's ETag of our copy (NULL: no copy there). caldav_attempts:
-- tries since the last success (the backoff grows with it). caldav_next_at: not before (backoff). caldav_error: why the last try failed (for feed health; never a password).
-- caldav_lease/caldav_lease_until: which claim owns the row (its token fences out a worker whose
-- lease ran out), and until when.
ALTER TABLE bookings ADD COLUMN caldav_sequence BIGINT;
ALTER TABLE bookings ADD COLUMN caldav_etag TEXT;
ALTER TABLE bookings ADD COLUMN caldav_attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN caldav_next_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN caldav_error TEXT;
ALTER TABLE bookings ADD COLUMN caldav_lease TEXT;
ALTER TABLE bookings ADD COLUMN caldav_lease_until BIGINT;
CREATE INDEX bookings_caldav_due ON bookings(caldav_next_at) WHERE caldav_sequence IS NULL OR caldav_sequence < sequence;
