//! Home boards, pairing codes and the board's notes (`home_boards`, `home_pairing_codes`, `home_notes`).
