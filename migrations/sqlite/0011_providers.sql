-- Each business number names the carrier API it is on (twilio or telnyx): replies and texts
-- from that number go out through that provider.
ALTER TABLE business_numbers ADD COLUMN provider TEXT NOT NULL DEFAULT 'twilio';
