//! Mail in and out: decoding what phones send, composing what each phone can read, and the
//! stores and workers in between.
