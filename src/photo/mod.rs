//! Photos from mail and web uploads: recognised by their bytes, turned upright, stripped of every
//! piece of metadata (EXIF GPS above all) and re-encoded; then cut down to what a keitai page can
//! carry. Pure functions over bytes: storing and serving belong to the caller.

mod batch;
mod decode;
mod encode;
mod error;
mod format;
mod ingest;
mod jpeg_markers;
mod rendition;
mod resize;
mod sniff;

pub use batch::{ingest_post_photos, Upload, MAX_PHOTOS};
pub use decode::{MAX_INPUT_BYTES, MAX_PIXELS};
pub use error::PhotoError;
pub use format::PhotoFormat;
pub use ingest::{ingest, Original, MAX_SIDE};
pub use rendition::{rendition, rendition_width, Rendition, WIDTH_BUCKETS};

#[cfg(test)]
mod tests;
