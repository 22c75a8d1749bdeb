//! Threads wherever they live (クチコミ on the portal, a community's topics): who may read and
//! write them in a place, and writing a thread or a comment with what goes with it. The web
//! handlers (`routes::threads`) and mail processing (`mail::inbound::process::thread`) share this.

pub mod address;
pub mod venue;
pub mod write;

pub use venue::Venue;
pub use write::{comment, start};
