DROP TABLE moderation_log;
DROP TABLE post_reports;
DROP TABLE post_comments;
DROP INDEX posts_listing;
ALTER TABLE posts DROP COLUMN hidden_by;
ALTER TABLE posts DROP COLUMN hidden_reason;
ALTER TABLE posts DROP COLUMN hidden_at;
ALTER TABLE posts DROP COLUMN area_id;
ALTER TABLE posts DROP COLUMN category;
