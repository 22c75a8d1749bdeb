-- 送迎・あずかり支援 (issue 14): members who ask and who help, the supporters' vetting, areas,
-- skills and availability, the families' children, 事前打合せ, requests with their offer waves,
-- activity reports, and a log of what happened to each request and what coordinators did.
--
-- A request's times are Japan time: its day and minutes after that day's midnight (the end may be
-- past 1440: the next day), as `domain::support::slot::Slot` holds them. Other times are UTC.

-- Taking part in the service: 依頼会員 (asks), 提供会員 (helps), or both (両方会員). The phone and
-- address are shown to the other side of an active match only (`domain::support::privacy`).
CREATE TABLE support_members (
    member_id BIGINT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    asks BOOLEAN NOT NULL,
    helps BOOLEAN NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    CHECK (asks OR helps)
);

-- A 提供会員's offer of help and the coordinators' vetting of her.
CREATE TABLE supporters (
    member_id BIGINT PRIMARY KEY NOT NULL REFERENCES support_members (member_id) ON DELETE CASCADE,
    home_area_id BIGINT NOT NULL REFERENCES areas (id),
    -- A bit set of `domain::support::skill::Skill`.
    skills INTEGER NOT NULL DEFAULT 0,
    monthly_limit INTEGER NOT NULL DEFAULT 8 CHECK (monthly_limit BETWEEN 0 AND 62),
    -- False while she pauses (休止中), by her own choice or a coordinator's.
    active BOOLEAN NOT NULL DEFAULT TRUE,
    course_completed_on DATE,
    interviewed_on DATE,
    insurance_from DATE,
    insurance_until DATE,
    vetting_note TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    CHECK ((insurance_from IS NULL) = (insurance_until IS NULL)),
    CHECK (insurance_from IS NULL OR insurance_from <= insurance_until)
);

CREATE TABLE supporter_areas (
    member_id BIGINT NOT NULL REFERENCES supporters (member_id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (member_id, area_id)
);

-- Weekly availability: weekday 0 = Monday.
CREATE TABLE supporter_weekly (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES supporters (member_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    from_minute INTEGER NOT NULL,
    until_minute INTEGER NOT NULL,
    CHECK (0 <= from_minute AND from_minute < until_minute AND until_minute <= 1440)
);
CREATE INDEX supporter_weekly_member ON supporter_weekly (member_id);

-- Dated exceptions: a day's rows replace its weekday's bands; one row without minutes means the
-- day is off.
CREATE TABLE supporter_days (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES supporters (member_id) ON DELETE CASCADE,
    day DATE NOT NULL,
    from_minute INTEGER,
    until_minute INTEGER,
    CHECK ((from_minute IS NULL) = (until_minute IS NULL)),
    CHECK (from_minute IS NULL OR (0 <= from_minute AND from_minute < until_minute AND until_minute <= 1440))
);
CREATE INDEX supporter_days_member ON supporter_days (member_id, day);

-- A 依頼会員's children. Removed children are kept for the requests that name them.
CREATE TABLE family_children (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES support_members (member_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    birth_date DATE NOT NULL,
    -- アレルギー, 保育園・学校, anything the supporter should know.
    notes TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP
);
CREATE INDEX family_children_member ON family_children (member_id);

-- 事前打合せ, recorded by a coordinator.
CREATE TABLE pre_meetings (
    family_id BIGINT NOT NULL REFERENCES support_members (member_id) ON DELETE CASCADE,
    supporter_id BIGINT NOT NULL REFERENCES supporters (member_id) ON DELETE CASCADE,
    met_on DATE NOT NULL,
    recorded_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (family_id, supporter_id)
);

-- Kilometres between two areas' centres, each pair once (lower id first).
CREATE TABLE area_distances (
    area_a BIGINT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    area_b BIGINT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    km REAL NOT NULL CHECK (km >= 0),
    PRIMARY KEY (area_a, area_b),
    CHECK (area_a < area_b)
);

-- What a family asked for; it does not change once asked. Where it stands is `support_progress`.
CREATE TABLE support_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    family_id BIGINT NOT NULL REFERENCES support_members (member_id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('pickup', 'care')),
    -- The family's area when she asked: where あずかり at her home takes place.
    area_id BIGINT NOT NULL REFERENCES areas (id),
    -- 送迎: from → to (areas, for the offer; places, for the matched supporter).
    from_area_id BIGINT REFERENCES areas (id),
    to_area_id BIGINT REFERENCES areas (id),
    from_place TEXT NOT NULL DEFAULT '',
    to_place TEXT NOT NULL DEFAULT '',
    by_car BOOLEAN NOT NULL DEFAULT FALSE,
    -- あずかり: at the supporter's home or the family's.
    care_place TEXT CHECK (care_place IN ('supporter_home', 'family_home')),
    day DATE NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    -- Asked less than 24 hours before the start (急ぎ).
    urgent BOOLEAN NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    CHECK (0 <= start_minute AND start_minute < 1440 AND start_minute < end_minute AND end_minute <= start_minute + 1440),
    CHECK ((kind = 'pickup') = (from_area_id IS NOT NULL AND to_area_id IS NOT NULL)),
    CHECK ((kind = 'care') = (care_place IS NOT NULL))
);
CREATE INDEX support_requests_family ON support_requests (family_id, day);
CREATE INDEX support_requests_day ON support_requests (day);

-- Where a request stands: its waves of offers, the match, the handover, a cancellation. The first
-- acceptance wins by one conditional UPDATE of this row (status still open or unfilled).
CREATE TABLE support_progress (
    request_id BIGINT PRIMARY KEY NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('open', 'unfilled', 'matched', 'reported', 'confirmed', 'disputed', 'cancelled')),
    -- The last wave of offers sent, and when it gives way to the next.
    wave INTEGER NOT NULL DEFAULT 0,
    wave_deadline TIMESTAMP,
    supporter_id BIGINT REFERENCES supporters (member_id),
    matched_at TIMESTAMP,
    -- The coordinator who assigned by hand.
    matched_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    -- 受け渡しコード: shown to the parent, typed by the supporter at handover.
    handover_code TEXT,
    handover_attempts INTEGER NOT NULL DEFAULT 0,
    handed_over_at TIMESTAMP,
    -- Secrets of each side's reply address and links after a match.
    supporter_token TEXT NOT NULL UNIQUE,
    family_token TEXT NOT NULL UNIQUE,
    cancelled_at TIMESTAMP,
    cancelled_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    cancel_reason TEXT,
    cancel_fee INTEGER,
    CHECK (status IN ('open', 'unfilled', 'cancelled') OR supporter_id IS NOT NULL)
);
CREATE INDEX support_progress_status ON support_progress (status);
CREATE INDEX support_progress_supporter ON support_progress (supporter_id);

CREATE TABLE support_request_children (
    request_id BIGINT NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    child_id BIGINT NOT NULL REFERENCES family_children (id),
    -- 病後児: recovering from an illness on the day.
    after_illness BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (request_id, child_id)
);
CREATE INDEX support_request_children_child ON support_request_children (child_id);

-- One offer to one supporter, in a wave; the ranking's score and reason are kept as shown then.
CREATE TABLE support_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    request_id BIGINT NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    supporter_id BIGINT NOT NULL REFERENCES supporters (member_id) ON DELETE CASCADE,
    wave INTEGER NOT NULL,
    position INTEGER NOT NULL,
    score INTEGER NOT NULL,
    reason TEXT NOT NULL,
    met_family BOOLEAN NOT NULL,
    token TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'lost', 'withdrawn')),
    sent_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    -- How she answered: 'web' (the link) or 'mail' (a reply).
    channel TEXT CHECK (channel IN ('web', 'mail')),
    UNIQUE (request_id, supporter_id)
);
CREATE INDEX support_offers_supporter ON support_offers (supporter_id, status);

-- What the supporter reports after the activity, and the family's answer. Minutes are after the
-- request's day's midnight, like the request's.
CREATE TABLE support_reports (
    request_id BIGINT PRIMARY KEY NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    transport_yen INTEGER NOT NULL DEFAULT 0 CHECK (transport_yen >= 0),
    note TEXT NOT NULL DEFAULT '',
    fee_yen INTEGER NOT NULL,
    -- The fee's lines as shown (band, rate, minutes, amount), one per line.
    fee_detail TEXT NOT NULL,
    reported_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    disputed_at TIMESTAMP,
    dispute_note TEXT NOT NULL DEFAULT '',
    resolved_at TIMESTAMP,
    resolved_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    CHECK (0 <= start_minute AND start_minute < end_minute AND end_minute <= start_minute + 1440)
);

-- What happened to each request and what coordinators did (the audit log of this service).
CREATE TABLE support_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    request_id BIGINT REFERENCES support_requests (id) ON DELETE CASCADE,
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at TIMESTAMP NOT NULL
);
CREATE INDEX support_log_request ON support_log (request_id, id);
