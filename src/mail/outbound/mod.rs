//! Mail out: composing per carrier (`compose`: charsets, emoji, line lengths), DKIM signing and the
//! transports (SMTP relay, sendmail, a folder) the workers send through.

mod body;
pub mod compose;
pub mod dkim;
mod encoded_word;
mod header_address;
mod keitai_text;
pub mod preview;
mod softbank;
#[cfg(test)]
mod test_support;
pub mod transport;
mod wire;
