-- Foundation schema: businesses, contacts, calls, conversations, messages and the outbox.
-- Every instant is stored as BIGINT milliseconds since the Unix epoch, UTC.

-- A business and its profile (the imported TOML, kept as JSON).
CREATE TABLE businesses (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    timezone      TEXT    NOT NULL,
    profile_json  TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

-- Provider numbers route calls and texts to their business; a number belongs to one business.
CREATE TABLE business_numbers (
    number       TEXT    PRIMARY KEY,
    business_id  BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE
);
CREATE INDEX business_numbers_business ON business_numbers(business_id);

-- People who call or text a business. Opt-out is per business (STOP applies to that sender).
CREATE TABLE contacts (
    id                   INTEGER PRIMARY KEY,
    business_id          BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    phone                TEXT    NOT NULL,
    name                 TEXT,
    opted_out_at         BIGINT,
    not_textable_at      BIGINT,
    not_textable_reason  TEXT,
    created_at           BIGINT  NOT NULL,
    last_seen_at         BIGINT  NOT NULL,
    UNIQUE (business_id, phone)
);

-- Calls, one row per provider call SID. The text-back decision is made once per call:
-- textback is NULL until decided, then 'queued' or 'skipped' (with the reason).
CREATE TABLE calls (
    id               INTEGER PRIMARY KEY,
    business_id      BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    call_sid         TEXT    NOT NULL UNIQUE,
    from_number      TEXT    NOT NULL,
    to_number        TEXT    NOT NULL,
    contact_id       BIGINT  REFERENCES contacts(id),
    status           TEXT    NOT NULL,
    missed_at        BIGINT,
    textback         TEXT,
    textback_reason  TEXT,
    message_id       BIGINT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX calls_business_created ON calls(business_id, created_at);

-- A conversation thread between a business and a contact.
CREATE TABLE conversations (
    id                     INTEGER PRIMARY KEY,
    business_id            BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    contact_id             BIGINT  NOT NULL REFERENCES contacts(id),
    state                  TEXT    NOT NULL,
    awaiting_reply_since   BIGINT,
    closed_at              BIGINT,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    last_message_at        BIGINT  NOT NULL
);
CREATE INDEX conversations_contact ON conversations(contact_id, closed_at);
CREATE INDEX conversations_business_recent ON conversations(business_id, last_message_at);

-- Every text in or out. author: caller, ai, staff, system. kind says why an outbound text exists.
-- status for outbound: queued, sending, sent, delivered, undelivered, failed, dropped (and Twilio's others).
CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    business_id      BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    conversation_id  BIGINT  NOT NULL REFERENCES conversations(id),
    contact_id       BIGINT  NOT NULL REFERENCES contacts(id),
    direction        TEXT    NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    author           TEXT    NOT NULL CHECK (author IN ('caller', 'ai', 'staff', 'system')),
    author_name      TEXT,
    kind             TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    provider_sid     TEXT    UNIQUE,
    status           TEXT    NOT NULL,
    error_code       TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX messages_contact_kind ON messages(contact_id, kind, created_at);

-- The transactional outbox: written in the same transaction as the change that caused the text.
-- state: pending, sending, sent, failed, dropped. in_flight_since is set while a send attempt may
-- have reached the provider. A claim copies it to uncertain_since: a row claimed with that set (after a
-- crash or a timeout) is reconciled with the provider first, not resent blindly.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    message_id       BIGINT  NOT NULL UNIQUE REFERENCES messages(id),
    business_id      BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    contact_id       BIGINT  NOT NULL REFERENCES contacts(id),
    to_number        TEXT    NOT NULL,
    from_number      TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    attempts         BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    lease_until      BIGINT,
    in_flight_since  BIGINT,
    uncertain_since  BIGINT,
    expires_at       BIGINT,
    last_error       TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
