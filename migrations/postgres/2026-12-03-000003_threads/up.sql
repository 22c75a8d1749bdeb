-- One thread model (issue 13): a クチコミ and a community's topic become rows of one table,
-- `threads`, told apart by where they live (`place`: 'portal', or 'community' with its
-- `community_id`). Their comments, reports and photos follow, and one moderation log takes the
-- lines of `moderation_log` and `community_log`.
--
-- Portal posts keep their ids (/posts/{id} was mailed out). Topics, and comments on them, are
-- numbered after every id either table ever gave out, so that no old topic number is the id of a
-- community thread; `legacy_topics` keeps the old numbers for the topic URLs mailed in replies.
-- The same steps as the SQLite migration, where PostgreSQL can alter a table (photos) in place.

CREATE TEMP TABLE thread_offsets AS
SELECT
    GREATEST(
        COALESCE(pg_sequence_last_value(pg_get_serial_sequence('posts', 'id')::regclass), 0),
        COALESCE(pg_sequence_last_value(pg_get_serial_sequence('community_topics', 'id')::regclass), 0),
        COALESCE((SELECT max(id) FROM posts), 0),
        COALESCE((SELECT max(id) FROM community_topics), 0)
    ) AS topic,
    GREATEST(
        COALESCE(pg_sequence_last_value(pg_get_serial_sequence('post_comments', 'id')::regclass), 0),
        COALESCE(pg_sequence_last_value(pg_get_serial_sequence('community_comments', 'id')::regclass), 0),
        COALESCE((SELECT max(id) FROM post_comments), 0),
        COALESCE((SELECT max(id) FROM community_comments), 0)
    ) AS comment;

CREATE TABLE threads (
    id BIGSERIAL PRIMARY KEY,
    -- Where it lives (`domain::thread::Place`); a place with an id has a column of its own, a
    -- foreign key. The places are not listed in a CHECK, as on SQLite, where a new one would
    -- rebuild the table.
    place TEXT NOT NULL,
    community_id BIGINT REFERENCES communities (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The portal's categories (`domain::post::Category`); other places have none.
    category TEXT,
    area_id BIGINT REFERENCES areas (id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    inbound_mail_id BIGINT REFERENCES inbound_mails (id) ON DELETE SET NULL,
    -- The device profile it was written on (statistics by device).
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    CHECK ((place = 'community') = (community_id IS NOT NULL)),
    CHECK ((place = 'portal') = (category IS NOT NULL))
);

INSERT INTO threads (
    id, place, community_id, member_id, title, body, category, area_id, channel, inbound_mail_id,
    profile, created_at, hidden_at, hidden_reason, hidden_by
)
SELECT
    id, 'portal', NULL, member_id, title, body, category, area_id, channel, inbound_mail_id,
    profile, created_at, hidden_at, hidden_reason, hidden_by
FROM posts;

INSERT INTO threads (
    id, place, community_id, member_id, title, body, category, area_id, channel, inbound_mail_id,
    profile, created_at, hidden_at, hidden_reason, hidden_by
)
SELECT
    id + (SELECT topic FROM thread_offsets), 'community', community_id, member_id, title, body, NULL,
    NULL, channel, inbound_mail_id, profile, created_at, hidden_at, hidden_reason, hidden_by
FROM community_topics;

CREATE INDEX threads_place ON threads (place, community_id, id);
CREATE INDEX threads_listing ON threads (category, area_id, id);
CREATE INDEX threads_member ON threads (member_id, created_at);

-- New threads are numbered after every post and topic there ever was: a deleted post's URL never
-- shows someone else's thread, and an old topic number is never a thread's id.
SELECT setval(
    pg_get_serial_sequence('threads', 'id'),
    GREATEST((SELECT topic FROM thread_offsets), COALESCE((SELECT max(id) FROM threads), 0)) + 1,
    false
);

-- The number a topic had before it became a thread (the topic page redirects it).
CREATE TABLE legacy_topics (
    topic_id BIGINT PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE
);
INSERT INTO legacy_topics (topic_id, thread_id)
SELECT id, id + (SELECT topic FROM thread_offsets) FROM community_topics;
CREATE INDEX legacy_topics_thread ON legacy_topics (thread_id);

CREATE TABLE thread_comments (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);

INSERT INTO thread_comments (
    id, thread_id, member_id, body, profile, created_at, hidden_at, hidden_reason, hidden_by
)
SELECT id, post_id, member_id, body, profile, created_at, hidden_at, hidden_reason, hidden_by
FROM post_comments;

INSERT INTO thread_comments (
    id, thread_id, member_id, body, profile, created_at, hidden_at, hidden_reason, hidden_by
)
SELECT
    id + (SELECT comment FROM thread_offsets), topic_id + (SELECT topic FROM thread_offsets),
    member_id, body, profile, created_at, hidden_at, hidden_reason, hidden_by
FROM community_comments;

CREATE INDEX thread_comments_thread ON thread_comments (thread_id, id);
SELECT setval(
    pg_get_serial_sequence('thread_comments', 'id'),
    GREATEST((SELECT comment FROM thread_offsets), COALESCE((SELECT max(id) FROM thread_comments), 0)) + 1,
    false
);

-- 通報: one report per member and thread; a coordinator settles a thread's open ones.
CREATE TABLE thread_reports (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    resolved_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    UNIQUE (member_id, thread_id)
);

INSERT INTO thread_reports (id, thread_id, member_id, reason, created_at, resolved_at, resolved_by)
SELECT id, post_id, member_id, reason, created_at, resolved_at, resolved_by FROM post_reports;

CREATE INDEX thread_reports_thread ON thread_reports (thread_id);
CREATE INDEX thread_reports_open ON thread_reports (thread_id) WHERE resolved_at IS NULL;
SELECT setval(
    pg_get_serial_sequence('thread_reports', 'id'),
    COALESCE((SELECT max(id) FROM thread_reports), 0) + 1,
    false
);

-- The lines of both logs in the order they were written. A portal comment's line now names its
-- thread too, as a community comment's did.
CREATE TEMP TABLE old_log AS
SELECT
    row_number() OVER (ORDER BY created_at, source, old_id) AS n,
    member_id, place, community_id, thread_id, comment_id, action, reason, created_at
FROM (
    SELECT
        m.moderator_id AS member_id, 'portal' AS place, NULL::BIGINT AS community_id,
        COALESCE(m.post_id, c.post_id) AS thread_id, m.comment_id AS comment_id, m.action AS action,
        m.reason AS reason, m.created_at AS created_at, 1 AS source, m.id AS old_id
    FROM moderation_log m
    LEFT JOIN post_comments c ON c.id = m.comment_id
    UNION ALL
    SELECT
        l.moderator_id, 'community', l.community_id, l.topic_id + (SELECT topic FROM thread_offsets),
        l.comment_id + (SELECT comment FROM thread_offsets), l.action, l.reason, l.created_at, 2, l.id
    FROM community_log l
) AS lines;

DROP TABLE moderation_log;
DROP TABLE community_log;

-- The one moderation log: every hide and restore of a thread or a comment, an author's delete of
-- her thread, and every decision on a community, by whom and why, written in the transaction of
-- the change. A line names its place as a thread does, and the thread and comment it is about;
-- deleting them keeps the line and clears the link. Actions are `domain` enums, not listed here
-- for the same reason as places.
CREATE TABLE moderation_log (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id),
    place TEXT NOT NULL,
    community_id BIGINT REFERENCES communities (id) ON DELETE CASCADE,
    thread_id BIGINT REFERENCES threads (id) ON DELETE SET NULL,
    comment_id BIGINT REFERENCES thread_comments (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((place = 'community') = (community_id IS NOT NULL))
);

INSERT INTO moderation_log (member_id, place, community_id, thread_id, comment_id, action, reason, created_at)
SELECT member_id, place, community_id, thread_id, comment_id, action, reason, created_at
FROM old_log
ORDER BY n;
DROP TABLE old_log;

CREATE INDEX moderation_log_place ON moderation_log (place, id);
-- Deleting a thread or a comment looks for its lines.
CREATE INDEX moderation_log_thread ON moderation_log (thread_id);
CREATE INDEX moderation_log_comment ON moderation_log (comment_id);

-- Photos belong to a thread; dropping the old columns drops their indexes.
ALTER TABLE photos ADD COLUMN thread_id BIGINT REFERENCES threads (id) ON DELETE CASCADE;
UPDATE photos SET thread_id = COALESCE(post_id, topic_id + (SELECT topic FROM thread_offsets));
ALTER TABLE photos DROP COLUMN post_id, DROP COLUMN topic_id;
CREATE INDEX photos_thread ON photos (thread_id, position);

-- Nothing refers to the old tables any more. Dropping `posts` drops its search index; the next
-- migration indexes threads.
DROP TABLE post_reports;
DROP TABLE post_comments;
DROP TABLE community_comments;
DROP TABLE community_topics;
DROP TABLE posts;

DROP TABLE thread_offsets;
