DROP INDEX community_log_comment;
ALTER TABLE community_log DROP COLUMN comment_id;
