-- Wrong 申込コード entries, per member and per address (a client's network address or a mail
-- sender's): at most `notebook.join_attempts_per_hour` in the last hour.
CREATE TABLE notebook_join_failures (
    id BIGSERIAL PRIMARY KEY,
    -- 'member': a member id; 'address': a client's network address; 'mail': a sender's address.
    scope TEXT NOT NULL CHECK (scope IN ('member', 'address', 'mail')),
    target TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX notebook_join_failures_key ON notebook_join_failures (scope, target, failed_at);
CREATE INDEX notebook_join_failures_age ON notebook_join_failures (failed_at);
