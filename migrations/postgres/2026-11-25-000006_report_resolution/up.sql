-- A coordinator settles a post's open reports: by hiding the post, or by keeping it up after
-- looking. Settled reports stay for the record; only open ones put a post at the top of the list.
ALTER TABLE post_reports ADD COLUMN resolved_at TIMESTAMP;
ALTER TABLE post_reports ADD COLUMN resolved_by BIGINT REFERENCES members (id) ON DELETE SET NULL;
CREATE INDEX post_reports_open ON post_reports (post_id) WHERE resolved_at IS NULL;
