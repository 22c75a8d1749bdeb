-- Account mails anyone can make Hiroba write, by how they were asked for: 'mail' (a mail that
-- says it is from the address, forgeable), 'form' (the address typed on a public form) or
-- 'member' (her own signed-in session). Each way has its own daily cap, so forged mails cannot
-- use up the mails she asks for herself.
CREATE TABLE account_mails (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    address TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('mail', 'form', 'member')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX account_mails_by_address ON account_mails (address, channel, created_at);

-- 「パスワードを忘れた方」: one-time links to set a new password (only the token's hash is kept).
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
