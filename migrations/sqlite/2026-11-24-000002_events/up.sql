-- Portal public information: events (イベント), facilities (施設) and the temporary-care
-- vacancies (一時預かり空き状況) their staff keep up to date.

-- An event happens on a Japanese calendar day (JST), with optional wall-clock times "HH:MM":
-- the city lists events by day, week and month, so the day is the key and needs no zone arithmetic.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    held_on DATE NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL,
    area_id BIGINT REFERENCES areas (id),
    created_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX events_held_on ON events (held_on, id);

CREATE TABLE facilities (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    address TEXT NOT NULL,
    area_id BIGINT REFERENCES areas (id),
    phone TEXT NOT NULL,
    hours TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE facility_staff (
    facility_id BIGINT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (facility_id, member_id)
);

-- One row per facility, day (JST) and period ('am' 午前, 'pm' 午後).
CREATE TABLE care_slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    facility_id BIGINT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('am', 'pm')),
    capacity INTEGER NOT NULL,
    remaining INTEGER NOT NULL CHECK (remaining >= 0),
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    UNIQUE (facility_id, day, period)
);
