-- The dashboard: people who sign in, their role per business, their sessions, login throttling,
-- and the bookkeeping of staff taking over threads.

CREATE TABLE users (
    id                     BIGSERIAL PRIMARY KEY,
    email                  TEXT    NOT NULL UNIQUE,
    name                   TEXT    NOT NULL,
    password_hash          TEXT    NOT NULL,
    -- Set for a one-time password (CLI or invite): the user picks their own at first sign-in.
    must_change_password   BIGINT  NOT NULL DEFAULT 0,
    created_at             BIGINT  NOT NULL
);

-- role: owner (everything for that business) or staff (inbox and bookings, not settings).
CREATE TABLE memberships (
    user_id      BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    business_id  BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('owner', 'staff')),
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (user_id, business_id)
);

-- Only a hash of the cookie's token is stored. csrf is the token every form of the session carries.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins, by account and by client address, for rate limiting across instances.
CREATE TABLE login_failures (
    id     BIGSERIAL PRIMARY KEY,
    key    TEXT    NOT NULL,
    at     BIGINT  NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

-- When the thread went to a person, and who took it over (NULL: waiting for someone).
ALTER TABLE conversations ADD COLUMN handed_off_at BIGINT;
ALTER TABLE conversations ADD COLUMN taken_over_by BIGINT;
ALTER TABLE conversations ADD COLUMN resolved_at BIGINT;

-- When the provider accepted an outbound text (time-to-text in the funnel).
ALTER TABLE messages ADD COLUMN sent_at BIGINT;

-- Unanswered questions an owner has dealt with (turned into an FAQ entry or dismissed).
ALTER TABLE unanswered_questions ADD COLUMN resolved_at BIGINT;

-- Texts to one recipient go out in the order they were queued: the claim looks for earlier rows.
CREATE INDEX outbox_recipient ON outbox(to_number, state, id);

-- Live updates look for the newest change of a business every second or so.
CREATE INDEX messages_business_id ON messages(business_id, id);
CREATE INDEX messages_business_updated ON messages(business_id, updated_at);
CREATE INDEX conversations_business_updated ON conversations(business_id, updated_at);
