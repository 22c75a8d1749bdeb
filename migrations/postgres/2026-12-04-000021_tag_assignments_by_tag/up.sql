-- Which child carried a tag at a time (TagAssignment::child_at, once per read): the tag, then the
-- latest assignment up to that time. The partial index on current tags cannot serve the query's
-- `released_at IS NULL OR released_at > ?`, so every read scanned the table.
CREATE INDEX tag_assignments_tag_assigned ON tag_assignments (tag, assigned_at);
