-- Appointment reminders ([reminders] in the profile; jobs/reminders.rs). Which reminders are due
-- is derived from the bookings rows each round (booked or moved, still ahead), so no write path
-- that makes, moves or cancels a booking has to remember them: a cancelled booking is simply no
-- longer looked at, and a moved one has a new start_at, so its reminders are due afresh.
-- This table records the reminders already decided: its key makes each (booking, start, offset)
-- happen at most once, across instances, and the row is written in the transaction that queues
-- the text in the outbox.
-- state: sent (queued in the outbox; message_id says which text) or skipped (superseded by a
-- later reminder of the same booking that fell due at the same time, e.g. after downtime).
CREATE TABLE booking_reminders (
    id              BIGSERIAL PRIMARY KEY,
    business_id     BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    booking_id      BIGINT  NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
    start_at        BIGINT  NOT NULL,
    offset_minutes  BIGINT  NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('sent', 'skipped')),
    message_id      BIGINT,
    created_at      BIGINT  NOT NULL,
    UNIQUE (booking_id, start_at, offset_minutes)
);
CREATE INDEX booking_reminders_message ON booking_reminders(message_id);
CREATE INDEX booking_reminders_business ON booking_reminders(business_id, created_at);

-- When the caller answered a reminder with C (NULL: not confirmed). Cleared when the booking moves.
ALTER TABLE bookings ADD COLUMN confirmed_at BIGINT;
