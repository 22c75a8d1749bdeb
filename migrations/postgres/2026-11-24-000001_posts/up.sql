-- クチコミ for the portal: categories and areas on posts, comments, reports and moderation.
ALTER TABLE posts ADD COLUMN category TEXT NOT NULL DEFAULT 'other';
ALTER TABLE posts ADD COLUMN area_id BIGINT REFERENCES areas (id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN hidden_at TIMESTAMP;
ALTER TABLE posts ADD COLUMN hidden_reason TEXT;
ALTER TABLE posts ADD COLUMN hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL;
CREATE INDEX posts_listing ON posts (category, area_id, id);

CREATE TABLE post_comments (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX post_comments_post ON post_comments (post_id, id);

-- One report per member and post.
CREATE TABLE post_reports (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (member_id, post_id)
);
CREATE INDEX post_reports_post ON post_reports (post_id);

-- Every hide and restore by a coordinator, kept for accountability.
CREATE TABLE moderation_log (
    id BIGSERIAL PRIMARY KEY,
    moderator_id BIGINT NOT NULL REFERENCES members (id),
    post_id BIGINT REFERENCES posts (id) ON DELETE SET NULL,
    comment_id BIGINT REFERENCES post_comments (id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (action IN ('hide', 'restore')),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
