-- Claiming work in time independent of the backlog. The full-table indexes on outbox state made
-- every claim read all unsent rows (and their recipients' queues); these partial indexes hold
-- only the rows still to send, in the order they are claimed, so a claim reads about as many
-- index entries as it takes rows. Likewise for conversations owed a reply.

-- Pending rows, in claim order.
CREATE INDEX outbox_pending_due ON outbox(next_attempt_at, id) WHERE state = 'pending';
-- Rows in flight, by lease expiry (a crashed worker's rows are taken over).
CREATE INDEX outbox_sending_lease ON outbox(lease_until) WHERE state = 'sending';
-- Each recipient's queue of unsent rows: only its head may be claimed.
CREATE INDEX outbox_recipient_queue ON outbox(to_number, id) WHERE state IN ('pending', 'sending');

DROP INDEX outbox_due;
DROP INDEX outbox_recipient;

-- Conversations owed a reply, for the reply workers' claims (most conversations owe none).
CREATE INDEX conversations_awaiting_due ON conversations(awaiting_reply_since) WHERE awaiting_reply_since IS NOT NULL;
DROP INDEX conversations_awaiting;
-- When the next one falls due (its caller's quiet time ends).
CREATE INDEX conversations_awaiting_quiet ON conversations(last_inbound_at) WHERE awaiting_reply_since IS NOT NULL;
-- Turns in flight, by lease expiry (a crashed instance's conversations are taken over).
CREATE INDEX conversations_turn_lease ON conversations(turn_lease_until) WHERE turn_lease_until IS NOT NULL;
