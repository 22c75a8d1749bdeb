//! Mail in and out: decoding what phones send, composing what each phone can read, and the
//! stores and workers in between.

mod address;
mod body;
pub mod compose;
mod encoded_word;
mod kana;
mod keitai_text;
#[cfg(test)]
mod test_support;
mod wire;
