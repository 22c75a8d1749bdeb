DROP INDEX outbox_lease;
DROP INDEX jobs_lease;
ALTER TABLE outbox DROP COLUMN lease_until;
ALTER TABLE jobs DROP COLUMN lease_until;
