-- 40 schools × 550 children = 22,000 current tags, plus 2,200 released ones (lost tags, 10 %).
INSERT INTO schools (name, created_at) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 40)
  SELECT 'school ' || i, '2026-04-01 00:00:00' FROM s;
INSERT INTO children (school_id, code, name, short_name, grade, class_name, created_at)
  WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM c WHERE i < 21999)
  SELECT 1 + i / 550, 'c' || i, 'child ' || i, 'c' || i, 1, '1組', '2026-04-01 00:00:00' FROM c;
INSERT INTO tag_assignments (tag, child_id, assigned_at, released_at, release_reason)
  SELECT printf('OLD%08d', id), id, '2026-04-01 00:00:00', '2026-06-01 00:00:00', '紛失' FROM children WHERE id % 10 = 0;
INSERT INTO tag_assignments (tag, child_id, assigned_at)
  SELECT printf('TAG%08d', id), id, '2026-04-01 00:00:00' FROM children;
CREATE TABLE probes AS SELECT printf('TAG%08d', (abs(random()) % 22000) + 1) AS tag FROM children LIMIT 5000;
