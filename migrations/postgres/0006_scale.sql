-- Several instances on one database: periodic jobs (calendar feed refresh, ...) run once per
-- interval across all of them. An instance runs a job when it moves next_run_at forward.
CREATE TABLE job_runs (
    name         TEXT    PRIMARY KEY,
    next_run_at  BIGINT  NOT NULL,
    owner        TEXT,
    started_at   BIGINT
);

-- Rate limit: conversations a caller opened recently.
CREATE INDEX conversations_contact_created ON conversations(contact_id, created_at);
