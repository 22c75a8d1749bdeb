//! Guardians' requests to join a child (`notebook_joins`).
