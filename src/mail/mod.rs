//! Mail in and out: decoding what phones send, composing what each phone can read, and the
//! stores and workers in between.

mod body;
pub mod compose;
pub mod decode;
pub mod dkim;
pub mod dsn;
mod encoded_word;
mod header_address;
pub mod inbound;
mod keitai_text;
pub mod listener;
pub mod pipe;
pub mod preview;
pub mod process;
mod softbank;
#[cfg(test)]
mod test_support;
pub mod transport;
mod wire;
