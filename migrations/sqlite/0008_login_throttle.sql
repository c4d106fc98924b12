-- Sign-in attempts per account and per client address in the current window: one upsert both
-- records an attempt and returns the count, so concurrent guesses cannot all pass the check.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key          TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    n            BIGINT NOT NULL
);
