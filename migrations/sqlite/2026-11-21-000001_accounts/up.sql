CREATE TABLE areas (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    nickname TEXT NOT NULL,
    real_name TEXT NOT NULL,
    area_id BIGINT REFERENCES areas (id),
    password_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'suspended')),
    created_at TIMESTAMP NOT NULL,
    approved_at TIMESTAMP,
    approved_by BIGINT REFERENCES members (id)
);
CREATE INDEX members_status ON members (status, created_at);

CREATE TABLE member_roles (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('guardian', 'supporter', 'teacher', 'coordinator', 'admin')),
    PRIMARY KEY (member_id, role)
);

CREATE TABLE mail_addresses (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    address TEXT NOT NULL UNIQUE,
    carrier TEXT NOT NULL,
    is_primary BOOLEAN NOT NULL,
    verified_at TIMESTAMP,
    health TEXT NOT NULL DEFAULT 'ok' CHECK (health IN ('ok', 'unknown_user', 'filtered')),
    health_changed_at TIMESTAMP,
    confirm_token_hash TEXT UNIQUE,
    confirm_expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mail_addresses_member ON mail_addresses (member_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    member_id BIGINT REFERENCES members (id) ON DELETE CASCADE,
    profile TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    assurance TEXT NOT NULL CHECK (assurance IN ('anonymous', 'low', 'high')),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    target TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (scope, target, failed_at);
CREATE INDEX login_failures_age ON login_failures (failed_at);

CREATE TABLE login_locks (
    scope TEXT NOT NULL,
    target TEXT NOT NULL,
    locked_until TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, target)
);

CREATE TABLE subscriber_ids (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    carrier TEXT NOT NULL,
    uid_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (carrier, uid_hash)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_recipient ON outbox (recipient, created_at);
