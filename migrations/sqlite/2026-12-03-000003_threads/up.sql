-- One thread model (issue 13): a クチコミ and a community's topic become rows of one table,
-- `threads`, told apart by where they live (`place`: 'portal', or 'community' with its
-- `community_id`). Their comments, reports and photos follow, and one moderation log takes the
-- lines of `moderation_log` and `community_log`.
--
-- Portal posts keep their ids (/posts/{id} was mailed out). Topics, and comments on them, are
-- numbered after every id either table ever gave out, so that no old topic number is the id of a
-- community thread; `legacy_topics` keeps the old numbers for the topic URLs mailed in replies.
--
-- SQLite cannot change a column's constraints, so the tables are made anew. Foreign keys are on and
-- a migration runs in a transaction, where they cannot be turned off: dropping a table first
-- deletes its rows, which cascades to the rows that refer to them. So a table is dropped only once
-- nothing refers to it, and rows that must survive (photos, renditions, log lines) are copied
-- aside first.

CREATE TEMP TABLE thread_offsets AS
SELECT
    max(
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'posts'), 0),
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'community_topics'), 0),
        coalesce((SELECT max(id) FROM posts), 0),
        coalesce((SELECT max(id) FROM community_topics), 0)
    ) AS topic,
    max(
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'post_comments'), 0),
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'community_comments'), 0),
        coalesce((SELECT max(id) FROM post_comments), 0),
        coalesce((SELECT max(id) FROM community_comments), 0)
    ) AS comment,
    max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'photos'), 0), coalesce((SELECT max(id) FROM photos), 0))
        AS photo;

CREATE TABLE threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    -- Where it lives (`domain::thread::Place`); a place with an id has a column of its own, a
    -- foreign key. The places are not listed in a CHECK: a new one would rebuild this table.
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
INSERT INTO sqlite_sequence (name, seq)
SELECT 'threads', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'threads');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT topic FROM thread_offsets)) WHERE name = 'threads';

-- The number a topic had before it became a thread (the topic page redirects it).
CREATE TABLE legacy_topics (
    topic_id BIGINT PRIMARY KEY NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE
);
INSERT INTO legacy_topics (topic_id, thread_id)
SELECT id, id + (SELECT topic FROM thread_offsets) FROM community_topics;
CREATE INDEX legacy_topics_thread ON legacy_topics (thread_id);

CREATE TABLE thread_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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

INSERT INTO sqlite_sequence (name, seq)
SELECT 'thread_comments', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'thread_comments');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT comment FROM thread_offsets)) WHERE name = 'thread_comments';

-- 通報: one report per member and thread; a coordinator settles a thread's open ones.
CREATE TABLE thread_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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

-- The lines of both logs in the order they were written. A portal comment's line now names its
-- thread too, as a community comment's did.
CREATE TEMP TABLE old_log AS
SELECT member_id, place, community_id, thread_id, comment_id, action, reason, created_at
FROM (
    SELECT
        m.moderator_id AS member_id, 'portal' AS place, NULL AS community_id,
        coalesce(m.post_id, c.post_id) AS thread_id, m.comment_id AS comment_id, m.action AS action,
        m.reason AS reason, m.created_at AS created_at, 1 AS source, m.id AS old_id
    FROM moderation_log m
    LEFT JOIN post_comments c ON c.id = m.comment_id
    UNION ALL
    SELECT
        l.moderator_id, 'community', l.community_id, l.topic_id + (SELECT topic FROM thread_offsets),
        l.comment_id + (SELECT comment FROM thread_offsets), l.action, l.reason, l.created_at, 2, l.id
    FROM community_log l
) AS lines
ORDER BY created_at, source, old_id;

DROP TABLE moderation_log;
DROP TABLE community_log;

-- The one moderation log: every hide and restore of a thread or a comment, an author's delete of
-- her thread, and every decision on a community, by whom and why, written in the transaction of
-- the change. A line names its place as a thread does, and the thread and comment it is about;
-- deleting them keeps the line and clears the link. Actions are `domain` enums, not listed here
-- for the same reason as places.
CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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
ORDER BY rowid;
DROP TABLE old_log;

CREATE INDEX moderation_log_place ON moderation_log (place, id);
-- Deleting a thread or a comment looks for its lines.
CREATE INDEX moderation_log_thread ON moderation_log (thread_id);
CREATE INDEX moderation_log_comment ON moderation_log (comment_id);

-- Photos belong to a thread. Copied aside with their renditions, since dropping the old table
-- would delete the renditions with it.
CREATE TEMP TABLE old_photos AS
SELECT
    id, member_id, coalesce(post_id, topic_id + (SELECT topic FROM thread_offsets)) AS thread_id,
    position, format, width, height, bytes, created_at
FROM photos;
CREATE TEMP TABLE old_renditions AS SELECT * FROM photo_renditions;
DROP TABLE photo_renditions;
DROP TABLE photos;

CREATE TABLE photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    thread_id BIGINT REFERENCES threads (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    format TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO photos (id, member_id, thread_id, position, format, width, height, bytes, created_at)
SELECT id, member_id, thread_id, position, format, width, height, bytes, created_at FROM old_photos;
CREATE INDEX photos_thread ON photos (thread_id, position);
-- A cached /photos/{id} of a deleted photo must not show a new one.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'photos', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'photos');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT photo FROM thread_offsets)) WHERE name = 'photos';

CREATE TABLE photo_renditions (
    photo_id BIGINT NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    max_width INTEGER NOT NULL,
    format TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (photo_id, max_width, format)
);
INSERT INTO photo_renditions (photo_id, max_width, format, width, height, bytes)
SELECT photo_id, max_width, format, width, height, bytes FROM old_renditions;
DROP TABLE old_renditions;
DROP TABLE old_photos;

-- Nothing refers to the old tables any more. Dropping `posts` drops its search triggers; the next
-- migration indexes threads.
DROP TABLE post_reports;
DROP TABLE post_comments;
DROP TABLE community_comments;
DROP TABLE community_topics;
DROP TABLE posts;

DROP TABLE thread_offsets;
