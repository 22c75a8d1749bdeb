-- Secrets the processes of one installation share (app servers, workers, mail-in), made once at
-- random when the settings give none: e.g. the key of the VERP tags in bounce addresses.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
