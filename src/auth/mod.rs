//! Accounts: passwords, tokens, sessions, login limits and かんたんログイン.

pub mod admin;
pub mod easy_login;
pub mod hashing;
pub mod login;
pub mod password;
pub mod registration;
pub mod session;
