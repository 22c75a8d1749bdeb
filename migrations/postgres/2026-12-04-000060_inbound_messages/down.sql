ALTER TABLE inbound_mails ADD COLUMN raw BYTEA;
UPDATE inbound_mails SET raw = (SELECT raw FROM inbound_messages WHERE inbound_messages.id = inbound_mails.message_id);
ALTER TABLE inbound_mails ALTER COLUMN raw SET NOT NULL;
ALTER TABLE inbound_mails DROP COLUMN message_id;
DROP TABLE inbound_messages;
