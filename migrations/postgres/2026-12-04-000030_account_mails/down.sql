DROP TABLE password_resets;
DROP TABLE account_mails;
