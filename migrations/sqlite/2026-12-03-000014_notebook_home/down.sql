DROP TABLE home_tadaima;
DROP INDEX home_notes_reply;
ALTER TABLE home_notes DROP COLUMN reply_to;
