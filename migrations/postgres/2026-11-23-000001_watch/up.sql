-- Child watch (子どもの見守り): schools, readers, children and their tags, who gets mail, passes.
-- Times of day are minutes after midnight, Japan time (portable across both backends).

CREATE TABLE schools (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    -- A gate read without a direction before this time is 登校, after it 下校.
    arrival_until INTEGER NOT NULL DEFAULT 720,
    -- The staff board lists children not through a gate by this time.
    late_after INTEGER NOT NULL DEFAULT 510,
    -- Readers are expected to be alive on weekdays between these times.
    hours_from INTEGER NOT NULL DEFAULT 420,
    hours_until INTEGER NOT NULL DEFAULT 1080,
    offline_after_minutes INTEGER NOT NULL DEFAULT 30,
    created_at TIMESTAMP NOT NULL
);

-- Teachers and coordinators of a school: they see its board and get the readers' notices.
CREATE TABLE school_staff (
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (school_id, member_id)
);

CREATE TABLE readers (
    id BIGSERIAL PRIMARY KEY,
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('gate', 'waypoint')),
    -- The HMAC key the device signs with; coordinators read it to configure the device.
    secret TEXT NOT NULL,
    health TEXT NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'online', 'offline')),
    last_seen_at TIMESTAMP,
    battery INTEGER,
    firmware TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (school_id, name)
);

-- Signatures already accepted, so that a captured request cannot be played again.
CREATE TABLE reader_requests (
    reader_id BIGINT NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    signature TEXT NOT NULL,
    seen_at TIMESTAMP NOT NULL,
    PRIMARY KEY (reader_id, signature)
);

CREATE TABLE children (
    id BIGSERIAL PRIMARY KEY,
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    -- 児童番号: the school's own id, the key of roster imports.
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    -- What mails call the child (「ゆうた」): never the full name.
    short_name TEXT NOT NULL,
    grade INTEGER NOT NULL,
    class_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (school_id, code)
);

-- Which child carried a tag when; lost tags are released and new ones assigned, history kept.
CREATE TABLE tag_assignments (
    id BIGSERIAL PRIMARY KEY,
    tag TEXT NOT NULL,
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    assigned_at TIMESTAMP NOT NULL,
    released_at TIMESTAMP,
    release_reason TEXT
);
CREATE UNIQUE INDEX tag_assignments_current ON tag_assignments (tag) WHERE released_at IS NULL;
CREATE INDEX tag_assignments_child ON tag_assignments (child_id);

-- Up to six addresses per child get pass mails, each with its own quiet hours and readers.
CREATE TABLE watch_recipients (
    id BIGSERIAL PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    label TEXT NOT NULL,
    quiet_from INTEGER,
    quiet_until INTEGER,
    -- False: only the readers listed in watch_recipient_readers.
    all_readers BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (child_id, address)
);
CREATE INDEX watch_recipients_address ON watch_recipients (address);

CREATE TABLE watch_recipient_readers (
    recipient_id BIGINT NOT NULL REFERENCES watch_recipients (id) ON DELETE CASCADE,
    reader_id BIGINT NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    PRIMARY KEY (recipient_id, reader_id)
);

-- One child passing one reader: reads of the same tag there within the debounce window.
CREATE TABLE passes (
    id BIGSERIAL PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    reader_id BIGINT NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    first_read_at TIMESTAMP NOT NULL,
    last_read_at TIMESTAMP NOT NULL,
    direction TEXT CHECK (direction IN ('arrival', 'departure')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX passes_child ON passes (child_id, first_read_at);
CREATE INDEX passes_reader ON passes (reader_id, child_id, last_read_at);
CREATE INDEX passes_first_read ON passes (first_read_at);

-- Every event a reader sent, keyed by (reader, seq) so that a retried batch adds nothing.
-- child_id is NULL for a tag no child carried at read_at (shown to coordinators).
CREATE TABLE reader_events (
    id BIGSERIAL PRIMARY KEY,
    reader_id BIGINT NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    tag TEXT NOT NULL,
    read_at TIMESTAMP NOT NULL,
    direction TEXT CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL CHECK (kind IN ('pass', 'emergency')),
    child_id BIGINT REFERENCES children (id) ON DELETE SET NULL,
    pass_id BIGINT REFERENCES passes (id) ON DELETE SET NULL,
    received_at TIMESTAMP NOT NULL,
    UNIQUE (reader_id, seq)
);
CREATE INDEX reader_events_unknown ON reader_events (read_at) WHERE child_id IS NULL;
CREATE INDEX reader_events_read ON reader_events (read_at);

-- Volunteers (見守りボランティア) mailed when a child presses a tag's emergency button.
CREATE TABLE emergency_contacts (
    id BIGSERIAL PRIMARY KEY,
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    UNIQUE (school_id, address)
);

-- Every staff view of a child's history.
CREATE TABLE watch_audit (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    child_id BIGINT REFERENCES children (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX watch_audit_at ON watch_audit (at);

-- Alerts go before other mail waiting in the outbox (a mail magazine must not delay them).
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
