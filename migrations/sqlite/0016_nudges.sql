-- One follow-up nudge after a text-back ([textback] follow_up_after; jobs/nudges.rs). Which nudges
-- are due is derived from the calls rows each round (text-back queued, no later call, text,
-- opt-out or staff handling); this table records the nudges already sent: its key makes each
-- call's nudge happen at most once, across instances, and the row is written in the transaction
-- that queues the text in the outbox.
CREATE TABLE textback_nudges (
    id           INTEGER PRIMARY KEY,
    business_id  BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    call_id      BIGINT  NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
    message_id   BIGINT,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX textback_nudges_business ON textback_nudges(business_id, created_at);
