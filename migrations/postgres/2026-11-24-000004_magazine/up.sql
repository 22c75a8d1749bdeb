-- The area mail magazine (地域のお知らせメール): members choose areas and topics; coordinators
-- write a notice for some areas and one topic, preview it per carrier, and send it via the outbox.

CREATE TABLE magazine_areas (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, area_id)
);

CREATE TABLE magazine_topics (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (member_id, topic)
);

CREATE TABLE magazines (
    id BIGSERIAL PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    topic TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES members (id),
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    recipients INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE magazine_targets (
    magazine_id BIGINT NOT NULL REFERENCES magazines (id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (magazine_id, area_id)
);
