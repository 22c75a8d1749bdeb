//! Integration tests: the real server over HTTP with real User-Agents and Shift_JIS bytes.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "tests fail loudly on unexpected input"
)]

mod budget;
mod detection;
mod emoji;
mod encoding;
mod forms;
mod helpers;
mod pages;
