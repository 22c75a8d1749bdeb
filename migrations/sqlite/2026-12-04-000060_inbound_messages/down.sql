ALTER TABLE inbound_mails ADD COLUMN raw BLOB NOT NULL DEFAULT x'';
UPDATE inbound_mails SET raw = (SELECT raw FROM inbound_messages WHERE inbound_messages.id = inbound_mails.message_id);
DROP INDEX inbound_mails_by_message;
ALTER TABLE inbound_mails DROP COLUMN message_id;
DROP TABLE inbound_messages;
