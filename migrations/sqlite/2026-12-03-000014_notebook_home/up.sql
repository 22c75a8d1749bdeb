-- 伝言板: a child's reply names the message it answers (shown under it, quoted in the mail); the
-- same reply to the same message by the same child is stored (and mailed) once.
ALTER TABLE home_notes ADD COLUMN reply_to BIGINT REFERENCES home_notes (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX home_notes_reply ON home_notes (reply_to, child_id, body) WHERE kind = 'reply';

-- The last ただいま mailed per child: one conditional UPDATE decides whether a press mails the
-- guardians (a double press within the window does not).
CREATE TABLE home_tadaima (
    child_id BIGINT PRIMARY KEY NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    last_at TIMESTAMP NOT NULL
);
