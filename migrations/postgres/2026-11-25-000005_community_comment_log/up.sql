-- A coordinator hides or restores a comment on a community topic as she does a topic: the log
-- line names the comment (and its topic). Deleting the comment (with its topic) keeps the line.
ALTER TABLE community_log ADD COLUMN comment_id BIGINT REFERENCES community_comments (id) ON DELETE SET NULL;
-- Deleting a topic deletes its comments, and each one looks for its log lines.
CREATE INDEX community_log_comment ON community_log (comment_id);
