-- Communities (コミュニティ): proposed by members, approved by coordinators; members join, post
-- topics and comments from the web or by mail to the community's address.
CREATE TABLE communities (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    area_id BIGINT REFERENCES areas (id) ON DELETE SET NULL,
    created_by BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'closed')),
    decided_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    decision_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    -- The newest topic or comment (the list shows the liveliest first).
    last_active_at TIMESTAMP NOT NULL
);
CREATE INDEX communities_listing ON communities (status, last_active_at);

CREATE TABLE community_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    joined_at TIMESTAMP NOT NULL,
    UNIQUE (community_id, member_id)
);
CREATE INDEX community_members_member ON community_members (member_id);

CREATE TABLE community_topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    inbound_mail_id BIGINT REFERENCES inbound_mails (id) ON DELETE SET NULL,
    -- The device profile it was written on (statistics by device).
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX community_topics_community ON community_topics (community_id, id);

CREATE TABLE community_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    topic_id BIGINT NOT NULL REFERENCES community_topics (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX community_comments_topic ON community_comments (topic_id, id);

-- Every coordinator decision on a community and every hide or restore of a topic.
CREATE TABLE community_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    moderator_id BIGINT NOT NULL REFERENCES members (id),
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    topic_id BIGINT REFERENCES community_topics (id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'close', 'hide', 'restore')),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX community_log_community ON community_log (community_id, id);

-- A topic's photos (up to three), like a post's.
ALTER TABLE photos ADD COLUMN topic_id BIGINT REFERENCES community_topics (id) ON DELETE CASCADE;
CREATE INDEX photos_topic ON photos (topic_id, position);
