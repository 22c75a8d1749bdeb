-- Mail in and out: raw inbound mail, the job queue, photos, posts by mail, bounces, 空メール invites.

-- Every inbound message, stored before anything else happens to it. One row per recipient:
-- redelivery of the same message (Message-ID, else a hash of the bytes) adds nothing.
CREATE TABLE inbound_mails (
    id BIGSERIAL PRIMARY KEY,
    message_key TEXT NOT NULL,
    recipient TEXT NOT NULL,
    envelope_sender TEXT,
    raw BYTEA NOT NULL,
    received_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'refused', 'failed')),
    outcome TEXT,
    processed_at TIMESTAMP,
    UNIQUE (message_key, recipient)
);

-- Work done off the request path, claimed by workers with one UPDATE … RETURNING.
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    target_id BIGINT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at TIMESTAMP NOT NULL,
    claimed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- Members' posts (クチコミ); the portal adds categories, areas and comments.
CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    inbound_mail_id BIGINT REFERENCES inbound_mails (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX posts_member ON posts (member_id, created_at);

-- Photos without any metadata, bounded to 1600 px; renditions per device width made on demand.
CREATE TABLE photos (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    post_id BIGINT REFERENCES posts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    format TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX photos_post ON photos (post_id, position);

CREATE TABLE photo_renditions (
    photo_id BIGINT NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    max_width INTEGER NOT NULL,
    format TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (photo_id, max_width, format)
);

-- Delivery reports that came back to a VERP address.
CREATE TABLE mail_bounces (
    id BIGSERIAL PRIMARY KEY,
    outbox_id BIGINT REFERENCES outbox (id) ON DELETE SET NULL,
    address TEXT NOT NULL,
    carrier TEXT NOT NULL,
    status TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('unknown_user', 'filtered', 'mailbox_full', 'transient', 'other')),
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX mail_bounces_received ON mail_bounces (received_at);

-- 空メール: an empty mail to entry@ earns a one-time registration link for the sending address.
CREATE TABLE registration_invites (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- Each member's secret posting address post-<token>@.
ALTER TABLE members ADD COLUMN posting_token TEXT;
CREATE UNIQUE INDEX members_posting_token ON members (posting_token);

-- Sending: the recipient's carrier (throttling, counts), a lifetime per kind, and claim time.
ALTER TABLE outbox ADD COLUMN carrier TEXT NOT NULL DEFAULT 'pc';
ALTER TABLE outbox ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE outbox ADD COLUMN claimed_at TIMESTAMP;
CREATE INDEX outbox_sent ON outbox (sent_at);
