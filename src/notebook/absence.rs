//! 欠席・遅刻・早退連絡: storing a notice from the form or a mail, the teacher's 確認 and its mail.
