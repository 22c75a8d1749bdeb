-- Back to クチコミ and topics in tables of their own. Topics get back the numbers they had; a topic
-- written since keeps its thread id, which no old topic had, and comments keep the ids they have.
-- The one log splits into the two it came from; an author's delete, which only the one log
-- records, is left out.

CREATE TEMP TABLE topic_ids AS
SELECT t.id AS thread_id, COALESCE(l.topic_id, t.id) AS topic_id
FROM threads t
LEFT JOIN legacy_topics l ON l.thread_id = t.id
WHERE t.place = 'community';

CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    inbound_mail_id BIGINT REFERENCES inbound_mails (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    category TEXT NOT NULL DEFAULT 'other',
    area_id BIGINT REFERENCES areas (id) ON DELETE SET NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    profile TEXT NOT NULL DEFAULT 'unknown'
);
INSERT INTO posts (
    id, member_id, title, body, channel, inbound_mail_id, created_at, category, area_id, hidden_at,
    hidden_reason, hidden_by, profile
)
SELECT
    id, member_id, title, body, channel, inbound_mail_id, created_at, COALESCE(category, 'other'),
    area_id, hidden_at, hidden_reason, hidden_by, profile
FROM threads
WHERE place = 'portal';
CREATE INDEX posts_member ON posts (member_id, created_at);
CREATE INDEX posts_listing ON posts (category, area_id, id);
-- No id a thread had is given out again (and the next up sees the highest one given out).
SELECT setval(
    pg_get_serial_sequence('posts', 'id'),
    GREATEST(
        COALESCE(pg_sequence_last_value(pg_get_serial_sequence('threads', 'id')::regclass), 0),
        COALESCE((SELECT max(id) FROM threads), 0),
        1
    ),
    EXISTS (SELECT 1 FROM threads)
);

CREATE TABLE community_topics (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    inbound_mail_id BIGINT REFERENCES inbound_mails (id) ON DELETE SET NULL,
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
INSERT INTO community_topics (
    id, community_id, member_id, title, body, channel, inbound_mail_id, profile, created_at,
    hidden_at, hidden_reason, hidden_by
)
SELECT
    i.topic_id, t.community_id, t.member_id, t.title, t.body, t.channel, t.inbound_mail_id, t.profile,
    t.created_at, t.hidden_at, t.hidden_reason, t.hidden_by
FROM threads t
JOIN topic_ids i ON i.thread_id = t.id;
CREATE INDEX community_topics_community ON community_topics (community_id, id);
SELECT setval(pg_get_serial_sequence('community_topics', 'id'), GREATEST(COALESCE((SELECT max(id) FROM threads), 0), 1), EXISTS (SELECT 1 FROM threads));

CREATE TABLE post_comments (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    profile TEXT NOT NULL DEFAULT 'unknown'
);
INSERT INTO post_comments (
    id, post_id, member_id, body, created_at, hidden_at, hidden_reason, hidden_by, profile
)
SELECT c.id, c.thread_id, c.member_id, c.body, c.created_at, c.hidden_at, c.hidden_reason, c.hidden_by, c.profile
FROM thread_comments c
JOIN posts p ON p.id = c.thread_id;
CREATE INDEX post_comments_post ON post_comments (post_id, id);
SELECT setval(pg_get_serial_sequence('post_comments', 'id'), GREATEST(COALESCE((SELECT max(id) FROM thread_comments), 0), 1), EXISTS (SELECT 1 FROM thread_comments));

CREATE TABLE community_comments (
    id BIGSERIAL PRIMARY KEY,
    topic_id BIGINT NOT NULL REFERENCES community_topics (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
INSERT INTO community_comments (
    id, topic_id, member_id, body, profile, created_at, hidden_at, hidden_reason, hidden_by
)
SELECT c.id, i.topic_id, c.member_id, c.body, c.profile, c.created_at, c.hidden_at, c.hidden_reason, c.hidden_by
FROM thread_comments c
JOIN topic_ids i ON i.thread_id = c.thread_id;
CREATE INDEX community_comments_topic ON community_comments (topic_id, id);
SELECT setval(pg_get_serial_sequence('community_comments', 'id'), GREATEST(COALESCE((SELECT max(id) FROM thread_comments), 0), 1), EXISTS (SELECT 1 FROM thread_comments));

CREATE TABLE post_reports (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    resolved_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    UNIQUE (member_id, post_id)
);
INSERT INTO post_reports (id, post_id, member_id, reason, created_at, resolved_at, resolved_by)
SELECT r.id, r.thread_id, r.member_id, r.reason, r.created_at, r.resolved_at, r.resolved_by
FROM thread_reports r
JOIN posts p ON p.id = r.thread_id;
CREATE INDEX post_reports_post ON post_reports (post_id);
CREATE INDEX post_reports_open ON post_reports (post_id) WHERE resolved_at IS NULL;
SELECT setval(pg_get_serial_sequence('post_reports', 'id'), GREATEST(COALESCE((SELECT max(id) FROM thread_reports), 0), 1), EXISTS (SELECT 1 FROM thread_reports));

CREATE TEMP TABLE new_log AS SELECT * FROM moderation_log;
DROP TABLE moderation_log;

CREATE TABLE moderation_log (
    id BIGSERIAL PRIMARY KEY,
    moderator_id BIGINT NOT NULL REFERENCES members (id),
    post_id BIGINT REFERENCES posts (id) ON DELETE SET NULL,
    comment_id BIGINT REFERENCES post_comments (id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (action IN ('hide', 'restore')),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- A comment's line named only the comment.
INSERT INTO moderation_log (moderator_id, post_id, comment_id, action, reason, created_at)
SELECT member_id, CASE WHEN comment_id IS NULL THEN thread_id END, comment_id, action, reason, created_at
FROM new_log
WHERE place = 'portal' AND action IN ('hide', 'restore')
ORDER BY id;

CREATE TABLE community_log (
    id BIGSERIAL PRIMARY KEY,
    moderator_id BIGINT NOT NULL REFERENCES members (id),
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    topic_id BIGINT REFERENCES community_topics (id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'close', 'hide', 'restore')),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    comment_id BIGINT REFERENCES community_comments (id) ON DELETE SET NULL
);
INSERT INTO community_log (moderator_id, community_id, topic_id, action, reason, created_at, comment_id)
SELECT l.member_id, l.community_id, i.topic_id, l.action, l.reason, l.created_at, l.comment_id
FROM new_log l
LEFT JOIN topic_ids i ON i.thread_id = l.thread_id
WHERE l.place = 'community' AND l.action IN ('approve', 'reject', 'close', 'hide', 'restore')
ORDER BY l.id;
CREATE INDEX community_log_community ON community_log (community_id, id);
CREATE INDEX community_log_comment ON community_log (comment_id);
DROP TABLE new_log;

ALTER TABLE photos ADD COLUMN post_id BIGINT REFERENCES posts (id) ON DELETE CASCADE;
ALTER TABLE photos ADD COLUMN topic_id BIGINT REFERENCES community_topics (id) ON DELETE CASCADE;
UPDATE photos SET post_id = thread_id WHERE thread_id IN (SELECT id FROM posts);
UPDATE photos f SET topic_id = i.topic_id FROM topic_ids i WHERE i.thread_id = f.thread_id;
ALTER TABLE photos DROP COLUMN thread_id;
CREATE INDEX photos_post ON photos (post_id, position);
CREATE INDEX photos_topic ON photos (topic_id, position);

DROP TABLE legacy_topics;
DROP TABLE thread_reports;
DROP TABLE thread_comments;
DROP TABLE threads;
DROP TABLE topic_ids;

-- The search of クチコミ as migration 2026-11-25-000002_search made it.
DO $search$
DECLARE
    trgm name;
BEGIN
    SELECT n.nspname INTO STRICT trgm
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    EXECUTE format(
        'CREATE INDEX posts_search ON posts USING gin '
        '(hiroba_fold(title || E''\n'' || body) %I.gin_trgm_ops)',
        trgm
    );
END
$search$;
