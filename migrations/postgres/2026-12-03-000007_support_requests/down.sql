DROP TABLE outbox_reply_to;
