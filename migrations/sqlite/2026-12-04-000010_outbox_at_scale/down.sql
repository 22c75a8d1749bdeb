DROP INDEX outbox_created;
DROP INDEX outbox_pacing;
DROP INDEX jobs_claimable;
DROP INDEX outbox_claimable;
DROP TABLE outbox_relay_waits;
