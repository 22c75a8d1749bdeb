//! The machine API (`/api/v1`): JSON in, JSON out, no sessions. See docs/reader-protocol.md.

pub mod readers;
mod reply;
