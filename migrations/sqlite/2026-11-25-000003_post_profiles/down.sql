ALTER TABLE post_comments DROP COLUMN profile;
ALTER TABLE posts DROP COLUMN profile;
