DROP TABLE outbox_unsubscribe;
DROP TABLE service_keys;
