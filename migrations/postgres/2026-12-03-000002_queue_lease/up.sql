-- Queues (jobs, outbox) claim a row with a lease: a worker that dies lets its lease run out and
-- another worker claims the row again (src/db/queue). This replaces "claimed more than 10 minutes
-- ago", so that how long a lease lasts and whether it is renewed are decided in one place.
ALTER TABLE jobs ADD COLUMN lease_until TIMESTAMP;
ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMP;

-- Rows claimed before the upgrade keep the 10 minutes they had (timestamps are stored as UTC).
UPDATE jobs SET lease_until = COALESCE(claimed_at, now() AT TIME ZONE 'UTC') + interval '10 minutes'
    WHERE status = 'running';
UPDATE outbox SET lease_until = COALESCE(claimed_at, now() AT TIME ZONE 'UTC') + interval '10 minutes'
    WHERE status = 'sending';

-- Only claimed rows hold a lease (settling a row clears it), so these stay as small as the claims.
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE lease_until IS NOT NULL;
CREATE INDEX outbox_lease ON outbox (lease_until) WHERE lease_until IS NOT NULL;
