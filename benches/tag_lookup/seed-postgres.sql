SET search_path = alerts_bench;
INSERT INTO schools (name, created_at) SELECT 'school ' || i, '2026-04-01' FROM generate_series(1, 40) i;
INSERT INTO children (school_id, code, name, short_name, grade, class_name, created_at)
  SELECT (SELECT min(id) FROM schools) + i / 550, 'c' || i, 'child ' || i, 'c' || i, 1, '1組', '2026-04-01' FROM generate_series(0, 21999) i;
INSERT INTO tag_assignments (tag, child_id, assigned_at, released_at, release_reason)
  SELECT 'OLD' || lpad(id::text, 8, '0'), id, '2026-04-01', '2026-06-01', '紛失' FROM children WHERE id % 10 = 0;
INSERT INTO tag_assignments (tag, child_id, assigned_at)
  SELECT 'TAG' || lpad(id::text, 8, '0'), id, '2026-04-01' FROM children;
CREATE TABLE probes AS SELECT 'TAG' || lpad((1 + floor(random() * 22000))::int::text, 8, '0') AS tag FROM generate_series(1, 5000);
ANALYZE;
