-- Calendar: owners' feeds (last good copy and health), bookings, and the cells that make
-- overlapping bookings impossible on any backend.

-- The secret in the URL of a business's bookings feed (GET /calendar/{token}.ics).
ALTER TABLE businesses ADD COLUMN calendar_token TEXT;
CREATE UNIQUE INDEX businesses_calendar_token ON businesses(calendar_token);

-- One row per feed in the profile's booking.calendar_feeds. body is the last copy that parsed;
-- a failed fetch or parse records last_error and keeps it. version bumps when body changes.
CREATE TABLE calendar_feeds (
    id               INTEGER PRIMARY KEY,
    business_id      BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    source           TEXT    NOT NULL,
    body             TEXT,
    etag             TEXT,
    last_modified    TEXT,
    version          BIGINT  NOT NULL DEFAULT 0,
    events           BIGINT,
    warnings         TEXT,
    last_attempt_at  BIGINT,
    last_success_at  BIGINT,
    last_error       TEXT,
    last_error_at    BIGINT,
    UNIQUE (business_id, source)
);

-- Bookings and holds. status: held (until hold_expires_at), booked, rescheduled (booked, moved),
-- cancelled, expired (a hold that lapsed). sequence bumps on every change the feed must show.
CREATE TABLE bookings (
    id               INTEGER PRIMARY KEY,
    business_id      BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    uid              TEXT    NOT NULL UNIQUE,
    status           TEXT    NOT NULL CHECK (status IN ('held', 'booked', 'rescheduled', 'cancelled', 'expired')),
    start_at         BIGINT  NOT NULL,
    end_at           BIGINT  NOT NULL,
    hold_expires_at  BIGINT,
    conversation_id  BIGINT,
    contact_id       BIGINT,
    caller_name      TEXT,
    caller_phone     TEXT,
    service          TEXT,
    address          TEXT,
    notes            TEXT,
    sequence         BIGINT  NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX bookings_business_start ON bookings(business_id, start_at);
CREATE INDEX bookings_business_status ON bookings(business_id, status, hold_expires_at);

-- Each active booking or hold owns the 5-minute cells from its start to its end plus the buffer.
-- The primary key makes two overlapping bookings impossible, whoever commits first.
CREATE TABLE booking_cells (
    business_id  BIGINT  NOT NULL,
    cell         BIGINT  NOT NULL,
    booking_id   BIGINT  NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
    PRIMARY KEY (business_id, cell)
);
CREATE INDEX booking_cells_booking ON booking_cells(booking_id);
