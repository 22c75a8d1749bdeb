DROP TABLE outbox_unsubscribe;
