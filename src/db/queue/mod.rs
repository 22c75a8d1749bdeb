//! One queue mechanism for the tables of work that workers do: `jobs` and `outbox`.
//!
//! The life of a row:
//! - **pending** until it is due (`run_at` / `next_attempt_at`);
//! - **claimed** by a worker ([`Queue::claim`]): one atomic `UPDATE … RETURNING` marks it, counts
//!   the attempt and gives it a lease (`lease_until`);
//! - **settled** by that worker ([`Queue::complete`], [`Queue::retry_later`], [`Queue::put_back`],
//!   [`Queue::fail`]), which ends the lease.
//!
//! A claimed row whose lease ran out belongs to a worker that died: the next claim takes it again
//! (an outbox row is then sent again, with the same Message-ID). A live worker renews its
//! [`Lease`] while it works through a claim, so a lease can be short: seconds for the outbox.
//!
//! The models (`models::job`, `models::outbox`) add what is theirs: what a row holds, how it is
//! queued, and in which order claimed rows are worked on.

mod backlog;
mod backoff;
mod claim;
mod lease;
mod settle;
mod sql;
mod table;

pub use backoff::Backoff;
pub use claim::Claimed;
pub use lease::Lease;
pub use settle::Retry;

/// The tables that are queues. A closed list: the SQL names a queue's table and columns from
/// here, never from input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// `jobs`: inbound mail processing and other side effects of requests.
    Jobs,
    /// `outbox`: mail to send.
    Outbox,
}
