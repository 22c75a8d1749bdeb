-- One raw copy per message: a mail to many of our addresses (one SMTP transaction, up to 100
-- recipients) is kept once, and each recipient's row points at it. A message goes when the last
-- row pointing at it is purged (`mail::inbound::retention`).
CREATE TABLE inbound_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    raw BLOB NOT NULL,
    received_at TIMESTAMP NOT NULL
);
INSERT INTO inbound_messages (id, raw, received_at) SELECT id, raw, received_at FROM inbound_mails;
-- SQLite cannot add a REFERENCES column with a non-null default: here the model keeps the link.
ALTER TABLE inbound_mails ADD COLUMN message_id BIGINT NOT NULL DEFAULT 0;
UPDATE inbound_mails SET message_id = id;
ALTER TABLE inbound_mails DROP COLUMN raw;
CREATE INDEX inbound_mails_by_message ON inbound_mails (message_id);
