-- 送迎・あずかり支援 (issue 14), requests: a mail's own reply address. An offer goes out from
-- `offer-<token>@` and a match's confirmations from `sup-<token>@` / `fam-<token>@`, so that a
-- plain reply on any phone reaches the right handler. A mail without a row here is from info@.
-- (A table beside the outbox rather than a column: the outbox is at diesel's 16 columns.)
CREATE TABLE outbox_reply_to (
    outbox_id BIGINT PRIMARY KEY NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    address TEXT NOT NULL
);
