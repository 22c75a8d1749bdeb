-- One raw copy per message: a mail to many of our addresses (one SMTP transaction, up to 100
-- recipients) is kept once, and each recipient's row points at it. A message goes when the last
-- row pointing at it is purged (`mail::inbound::retention`).
CREATE TABLE inbound_messages (
    id BIGSERIAL PRIMARY KEY,
    raw BYTEA NOT NULL,
    received_at TIMESTAMP NOT NULL
);
INSERT INTO inbound_messages (id, raw, received_at) SELECT id, raw, received_at FROM inbound_mails;
SELECT setval(pg_get_serial_sequence('inbound_messages', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM inbound_messages;
ALTER TABLE inbound_mails ADD COLUMN message_id BIGINT REFERENCES inbound_messages (id);
UPDATE inbound_mails SET message_id = id;
ALTER TABLE inbound_mails ALTER COLUMN message_id SET NOT NULL;
ALTER TABLE inbound_mails DROP COLUMN raw;
CREATE INDEX inbound_mails_by_message ON inbound_mails (message_id);
