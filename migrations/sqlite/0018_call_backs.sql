-- Landlines ([textback] lookup; textback.rs, callbacks.rs).
--
-- What Twilio Lookup said of a contact's line ('landline', 'mobile', 'fixedVoip', ...) and when:
-- a look-up costs money, so each number is asked once (again only after 90 days: numbers move
-- between carriers). NULL: never asked, or Lookup gave no answer (not kept, asked next time).
ALTER TABLE contacts ADD COLUMN line_type TEXT;
ALTER TABLE contacts ADD COLUMN line_type_at BIGINT;

-- A missed caller staff should ring back because texts do not reach them: one row per missed
-- call (its key makes the task, and the one staff alert, happen once per call whichever of the
-- webhooks, the outbox or a delivery report opened it). The dashboard lists the open rows by
-- caller; marking a caller done closes all of theirs.
--   reason: 'landline' (Lookup said so), 'not_textable' (an earlier text to them was refused),
--           'send_failed' (this call's text-back was refused; error_code says how).
CREATE TABLE call_backs (
    id           INTEGER PRIMARY KEY,
    business_id  BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    contact_id   BIGINT  NOT NULL REFERENCES contacts(id),
    call_id      BIGINT  NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
    reason       TEXT    NOT NULL,
    error_code   TEXT,
    called_at    BIGINT  NOT NULL,
    -- When the notify numbers were alerted for this call (NULL: not, e.g. within the cooldown
    -- of an earlier alert about the same caller).
    alerted_at   BIGINT,
    created_at   BIGINT  NOT NULL,
    done_at      BIGINT,
    done_by      BIGINT  REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX call_backs_open ON call_backs(business_id, done_at, contact_id);
CREATE INDEX call_backs_contact ON call_backs(contact_id, alerted_at);
CREATE INDEX call_backs_created ON call_backs(business_id, created_at);
