DROP INDEX post_reports_open;
ALTER TABLE post_reports DROP COLUMN resolved_by;
ALTER TABLE post_reports DROP COLUMN resolved_at;
