SET search_path = alerts_bench;
PREPARE child_at(text, timestamp) AS SELECT child_id FROM tag_assignments WHERE tag = $1 AND assigned_at <= $2 AND (released_at IS NULL OR released_at > $2) ORDER BY assigned_at DESC LIMIT 1;
EXPLAIN ANALYZE EXECUTE child_at('TAG00012345', '2026-12-04 07:00:00');
\timing on
SELECT count(*) FROM probes p WHERE (SELECT child_id FROM tag_assignments WHERE tag = p.tag AND assigned_at <= '2026-12-04 07:00:00' AND (released_at IS NULL OR released_at > '2026-12-04 07:00:00') ORDER BY assigned_at DESC LIMIT 1) IS NOT NULL;
SELECT count(*) FROM probes p WHERE (SELECT child_id FROM tag_assignments WHERE tag = p.tag AND assigned_at <= '2026-12-04 07:00:00' AND (released_at IS NULL OR released_at > '2026-12-04 07:00:00') ORDER BY assigned_at DESC LIMIT 1) IS NOT NULL;
