-- Every hand-off to a person, one row each: a thread handed back and handed off again later counts
-- in the funnel of each period it was handed off in (first_handed_off_at keeps only the first).
CREATE TABLE handoffs (
    id              BIGSERIAL PRIMARY KEY,
    business_id     BIGINT NOT NULL REFERENCES businesses(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    at              BIGINT NOT NULL
);
CREATE INDEX handoffs_business_at ON handoffs(business_id, at);
INSERT INTO handoffs (business_id, conversation_id, at)
    SELECT business_id, id, first_handed_off_at FROM conversations WHERE first_handed_off_at IS NOT NULL;
