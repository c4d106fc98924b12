-- Live instances and what each has claimed: a crashed instance's heartbeat stops, and the others
-- take over its in-flight sends and turns within seconds instead of waiting for the leases.
CREATE TABLE instances (
    id           TEXT   PRIMARY KEY,
    started_at   BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE conversations ADD COLUMN turn_claimed_by TEXT;
-- Only rows still held are looked up by holder.
CREATE INDEX outbox_claimed_by ON outbox(claimed_by) WHERE state = 'sending';
CREATE INDEX conversations_turn_claimed_by ON conversations(turn_claimed_by) WHERE turn_lease_until IS NOT NULL;
