-- A mail magazine's one-click unsubscribe address (RFC 8058), written into its List-Unsubscribe.
CREATE TABLE outbox_unsubscribe (
    outbox_id BIGINT PRIMARY KEY NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    url TEXT NOT NULL
);
