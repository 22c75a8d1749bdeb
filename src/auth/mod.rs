//! Accounts: passwords, tokens, sessions, login limits and かんたんログイン.

pub mod account_change;
pub mod admin;
pub mod audit;
pub mod easy_login;
pub mod hashing;
pub mod login;
pub mod password;
pub mod password_reset;
pub mod registration;
pub mod session;
