//! Prometheus metrics at `/metrics`: what this server answered (counted in memory), and the state
//! every server and worker shares (read from the database when scraped), in the text format.
//!
//! Mail and reader figures come from the database rather than from counters in the workers, so
//! that they are whole whichever process sent the mail: `serve`'s own workers or `hiroba worker`s,
//! which serve no HTTP. They are therefore gauges over a recent window, not counters.

mod exposition;
mod requests;
mod snapshot;

pub use exposition::Exposition;
pub use requests::RequestCounts;
pub use snapshot::Snapshot;

/// The whole scrape: this server's request counts, then the shared state.
pub fn render(requests: &RequestCounts, snapshot: &Snapshot) -> String {
    let mut out = Exposition::default();
    requests.write(&mut out);
    snapshot.write(&mut out);
    out.finish()
}
