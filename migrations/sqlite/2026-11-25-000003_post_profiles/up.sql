-- The device profile a post or comment came from (the browser's on the web, the sender's carrier by
-- mail), for statistics by device profile. Rows from before are 'unknown'.
ALTER TABLE posts ADD COLUMN profile TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE post_comments ADD COLUMN profile TEXT NOT NULL DEFAULT 'unknown';
