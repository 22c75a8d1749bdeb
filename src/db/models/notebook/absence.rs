//! 欠席・遅刻・早退連絡 (`notebook_absences`).
