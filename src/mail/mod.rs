//! Mail in and out: `inbound` receives what phones send (stored durably first, then decoded and
//! processed as a job); `outbound` composes what each phone can read and hands it to the relay.

mod bounce_key;
pub mod inbound;
pub mod outbound;

pub use bounce_key::bounce_key;
