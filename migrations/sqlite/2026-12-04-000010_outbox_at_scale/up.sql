-- Issue 17: the outbox at city scale, and a fresh start after a relay outage.

-- Rows waiting out their backoff because the relay could not be reached or did not answer (not
-- because it refused the mail): the first mail the relay accepts again ends every such wait.
-- A table of its own: few rows, and outbox is at diesel's 16 columns.
CREATE TABLE outbox_relay_waits (
    outbox_id BIGINT PRIMARY KEY NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    since TIMESTAMP NOT NULL
);

-- The claim walks the pending rows in the queue's order and stops at its limit, instead of
-- sorting every pending row (44,000 in a city's dismissal burst).
CREATE INDEX outbox_claimable ON outbox (priority DESC, id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX jobs_claimable ON jobs (id, run_at) WHERE status = 'pending';

-- Pacing counts the last minute's mails to one carrier: a range of this index, not the history.
CREATE INDEX outbox_pacing ON outbox (carrier, status, sent_at);

-- Retention deletes finished rows by age.
CREATE INDEX outbox_created ON outbox (created_at);
