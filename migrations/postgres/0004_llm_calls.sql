-- Every call to the language model: which model, how long it took, the tokens it used and how it
-- ended (ok, http_error, timeout, malformed, refused_tool), for cost and quality tracking.
CREATE TABLE llm_calls (
    id                 BIGSERIAL PRIMARY KEY,
    business_id        BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    conversation_id    BIGINT  NOT NULL,
    model              TEXT    NOT NULL,
    latency_ms         BIGINT  NOT NULL,
    prompt_tokens      BIGINT,
    completion_tokens  BIGINT,
    outcome            TEXT    NOT NULL,
    created_at         BIGINT  NOT NULL
);
CREATE INDEX llm_calls_conversation ON llm_calls(conversation_id, created_at);
