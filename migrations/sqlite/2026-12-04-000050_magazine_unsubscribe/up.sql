-- Keys the service makes for itself on first use (the one-click unsubscribe links are signed with
-- one): random, never shown, the same for every process on this database.
CREATE TABLE service_keys (
    name TEXT PRIMARY KEY NOT NULL,
    secret TEXT NOT NULL
);

-- A mail magazine's one-click unsubscribe address (RFC 8058), written into its List-Unsubscribe.
CREATE TABLE outbox_unsubscribe (
    outbox_id BIGINT PRIMARY KEY NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    url TEXT NOT NULL
);
