//! Mail in and out: decoding what phones send, composing what each phone can read, and the
//! stores and workers in between.

mod header_address;
mod body;
pub mod compose;
pub mod dkim;
mod encoded_word;
mod kana;
mod keitai_text;
mod softbank;
#[cfg(test)]
mod test_support;
mod wire;
