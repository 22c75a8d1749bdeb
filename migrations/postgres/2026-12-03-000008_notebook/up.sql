-- デジタル連絡帳・伝言板 (issue 15): families and their guardians joined to the watch roster's
-- children by 申込コード, messages (threads in the place 'notebook') with their recipients, read
-- receipts and answers, absence notices, the "not arrived, no notice" list, and the home board.
-- Days are Japan time (`DATE`); other times are UTC.

-- A school's notebook settings (a school without a row has the defaults).
CREATE TABLE notebook_schools (
    school_id BIGINT PRIMARY KEY NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    -- True: a teacher approves each join; false: the 申込コード alone suffices.
    approve_joins BOOLEAN NOT NULL DEFAULT TRUE,
    -- The absence reasons offered, one per line; empty: `domain::notebook::absence::DEFAULT_REASONS`.
    absence_reasons TEXT NOT NULL DEFAULT '',
    -- Minutes after midnight when families of children not arrived and with no notice get a mail;
    -- NULL: no mail.
    nudge_at INTEGER CHECK (nudge_at IS NULL OR nudge_at BETWEEN 0 AND 1439),
    updated_at TIMESTAMP NOT NULL
);

-- The classes a teacher has (she is also in school_staff).
CREATE TABLE notebook_teacher_classes (
    school_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    grade INTEGER NOT NULL,
    class_name TEXT NOT NULL,
    PRIMARY KEY (school_id, member_id, grade, class_name),
    FOREIGN KEY (school_id, member_id) REFERENCES school_staff (school_id, member_id) ON DELETE CASCADE
);

-- A child's 申込コード from the school's letter; re-issuing replaces it.
CREATE TABLE notebook_child_codes (
    child_id BIGINT PRIMARY KEY NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    issued_at TIMESTAMP NOT NULL
);

-- A family: its children and guardians. `mail_token` makes its absence address (abs-<token>@).
CREATE TABLE notebook_families (
    id BIGSERIAL PRIMARY KEY,
    mail_token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE notebook_family_children (
    child_id BIGINT PRIMARY KEY NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    family_id BIGINT NOT NULL REFERENCES notebook_families (id) ON DELETE CASCADE,
    joined_at TIMESTAMP NOT NULL
);
CREATE INDEX notebook_family_children_family ON notebook_family_children (family_id);

-- A guardian belongs to one family, with her own account.
CREATE TABLE notebook_guardians (
    member_id BIGINT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    family_id BIGINT NOT NULL REFERENCES notebook_families (id) ON DELETE CASCADE,
    joined_at TIMESTAMP NOT NULL
);
CREATE INDEX notebook_guardians_family ON notebook_guardians (family_id);

-- A guardian's request to join a child (by code, typed or from 空メール/QR).
CREATE TABLE notebook_joins (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX notebook_joins_pending ON notebook_joins (member_id, child_id) WHERE status = 'pending';
CREATE INDEX notebook_joins_child ON notebook_joins (child_id, status);

-- A message (お便り・連絡) is a thread in the place 'notebook' of its school.
ALTER TABLE threads ADD COLUMN school_id BIGINT REFERENCES schools (id) ON DELETE CASCADE;
CREATE INDEX threads_school ON threads (school_id, created_at) WHERE school_id IS NOT NULL;

CREATE TABLE notebook_messages (
    thread_id BIGINT PRIMARY KEY NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    -- 'letter' お便り, 'notice' 連絡.
    kind TEXT NOT NULL CHECK (kind IN ('letter', 'notice')),
    -- Who it goes to; notebook_targets lists the grades, classes or family.
    audience TEXT NOT NULL CHECK (audience IN ('school', 'grades', 'classes', 'family')),
    -- What it asks back: nothing, a free reply, or the questions of notebook_questions.
    answers TEXT NOT NULL CHECK (answers IN ('none', 'text', 'survey')),
    answer_until TIMESTAMP,
    -- When it goes out; sent_at is set when its recipients are made and notices queued.
    send_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    -- The school year (April to March) it belongs to: retention counts from its end.
    school_year INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notebook_messages_school ON notebook_messages (school_id, send_at);
CREATE INDEX notebook_messages_due ON notebook_messages (send_at) WHERE sent_at IS NULL;

-- One row per target: a grade (class_name NULL), a class, or a family.
CREATE TABLE notebook_targets (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES notebook_messages (thread_id) ON DELETE CASCADE,
    grade INTEGER,
    class_name TEXT,
    family_id BIGINT REFERENCES notebook_families (id) ON DELETE CASCADE,
    CHECK ((family_id IS NULL) = (grade IS NOT NULL)),
    CHECK (class_name IS NULL OR grade IS NOT NULL)
);
CREATE INDEX notebook_targets_thread ON notebook_targets (thread_id);

-- Up to five questions of a survey, each with its choices (one per line).
CREATE TABLE notebook_questions (
    thread_id BIGINT NOT NULL REFERENCES notebook_messages (thread_id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    text TEXT NOT NULL,
    choices TEXT NOT NULL,
    PRIMARY KEY (thread_id, position)
);

-- Files other than images (images are the thread's photos): a PDF, with the text a keitai shows.
CREATE TABLE notebook_attachments (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    bytes BYTEA NOT NULL,
    keitai_text TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notebook_attachments_thread ON notebook_attachments (thread_id, position);

-- A guardian a message went to: one row (and one mail) whatever the number of her children it
-- names. `token` is her link (/notebook/r/<token>) and reply address (nb-<token>@).
CREATE TABLE notebook_recipients (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES notebook_messages (thread_id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    -- The address the notice went to (NULL: she has no address that takes mail).
    address TEXT,
    notice_outbox_id BIGINT REFERENCES outbox (id) ON DELETE SET NULL,
    read_at TIMESTAMP,
    read_via TEXT CHECK (read_via IN ('web', 'link', 'mail')),
    reminded_at TIMESTAMP,
    UNIQUE (thread_id, member_id),
    CHECK ((read_at IS NULL) = (read_via IS NULL))
);
CREATE INDEX notebook_recipients_member ON notebook_recipients (member_id, thread_id);

-- The children a recipient got the message for (the receipts page is by class).
CREATE TABLE notebook_recipient_children (
    recipient_id BIGINT NOT NULL REFERENCES notebook_recipients (id) ON DELETE CASCADE,
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    PRIMARY KEY (recipient_id, child_id)
);
CREATE INDEX notebook_recipient_children_child ON notebook_recipient_children (child_id);

-- A recipient's answers to a survey: the chosen numbers in question order ("1 2 1"). Answering
-- again replaces them; `times` says how often she answered. Free replies are thread comments.
CREATE TABLE notebook_answers (
    recipient_id BIGINT PRIMARY KEY NOT NULL REFERENCES notebook_recipients (id) ON DELETE CASCADE,
    choices TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    times INTEGER NOT NULL DEFAULT 1,
    answered_at TIMESTAMP NOT NULL
);

-- 欠席・遅刻・早退連絡.
CREATE TABLE notebook_absences (
    id BIGSERIAL PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    day DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('absent', 'late', 'early')),
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
    inbound_mail_id BIGINT REFERENCES inbound_mails (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    confirmed_by BIGINT REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX notebook_absences_day ON notebook_absences (day, child_id);
CREATE INDEX notebook_absences_child ON notebook_absences (child_id, day);

-- 保護者に連絡済み on the not-arrived list, per child and day.
CREATE TABLE notebook_contacted (
    child_id BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    at TIMESTAMP NOT NULL,
    PRIMARY KEY (child_id, day)
);

-- The not-arrived mail went out for a school on a day (once).
CREATE TABLE notebook_nudges (
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    queued_at TIMESTAMP NOT NULL,
    PRIMARY KEY (school_id, day)
);

-- A home board (ホーム端末) paired to a family; it shows only the family's board.
CREATE TABLE home_boards (
    id BIGSERIAL PRIMARY KEY,
    family_id BIGINT NOT NULL REFERENCES notebook_families (id) ON DELETE CASCADE,
    -- SHA-256 of the device's token (the token itself is only on the device).
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    paired_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    paired_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP,
    unpaired_at TIMESTAMP
);
CREATE INDEX home_boards_family ON home_boards (family_id);

-- The one-time code a guardian shows on マイページ to pair a device.
CREATE TABLE home_pairing_codes (
    family_id BIGINT PRIMARY KEY NOT NULL REFERENCES notebook_families (id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    expires_at TIMESTAMP NOT NULL
);

-- What the board shows: a guardian's message to the child, the child's fixed reply, ただいま.
CREATE TABLE home_notes (
    id BIGSERIAL PRIMARY KEY,
    family_id BIGINT NOT NULL REFERENCES notebook_families (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('message', 'reply', 'tadaima')),
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    child_id BIGINT REFERENCES children (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX home_notes_family ON home_notes (family_id, created_at);
