-- The conversation engine: per-conversation details and turn bookkeeping, and the questions the
-- profile could not answer (for the owner to turn into FAQ entries).

-- What the receptionist has collected and offered (JSON): service, address, name, proposals, holds.
ALTER TABLE conversations ADD COLUMN details_json TEXT;
-- Inbound messages up to this id have been answered (or deliberately left unanswered).
ALTER TABLE conversations ADD COLUMN last_handled_message_id BIGINT NOT NULL DEFAULT 0;
-- When the caller last wrote: replies wait for a short quiet period so bursts are answered together.
ALTER TABLE conversations ADD COLUMN last_inbound_at BIGINT;
-- A worker processing this conversation holds it until then; one worker per conversation at a time.
ALTER TABLE conversations ADD COLUMN turn_lease_until BIGINT;
-- Why the conversation was handed to a person.
ALTER TABLE conversations ADD COLUMN handoff_reason TEXT;
CREATE INDEX conversations_awaiting ON conversations(awaiting_reply_since);

CREATE TABLE unanswered_questions (
    id               INTEGER PRIMARY KEY,
    business_id      BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    conversation_id  BIGINT  NOT NULL REFERENCES conversations(id),
    question         TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX unanswered_questions_business ON unanswered_questions(business_id, created_at);
