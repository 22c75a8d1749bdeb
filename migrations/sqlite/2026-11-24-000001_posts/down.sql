-- SQLite cannot drop a column that references another table: the posts columns stay (harmless
-- with their defaults); the new tables go.
DROP TABLE moderation_log;
DROP TABLE post_reports;
DROP TABLE post_comments;
DROP INDEX posts_listing;
ALTER TABLE posts DROP COLUMN hidden_reason;
ALTER TABLE posts DROP COLUMN hidden_at;
ALTER TABLE posts DROP COLUMN category;
