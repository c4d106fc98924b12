-- When a conversation was first handed to a person. Unlike handed_off_at (cleared when staff
-- hand the thread back, so a later hand-off starts its own wait), this is never cleared: the
-- funnel counts every thread that was handed off, not only those still with a person.
ALTER TABLE conversations ADD COLUMN first_handed_off_at BIGINT;
UPDATE conversations SET first_handed_off_at = handed_off_at WHERE handed_off_at IS NOT NULL;
