//! Mail in and out: decoding what phones send, composing what each phone can read, and the
//! stores and workers in between.

pub mod address;
pub mod inbound;
pub mod listener;
pub mod pipe;
pub mod process;
pub mod transport;
