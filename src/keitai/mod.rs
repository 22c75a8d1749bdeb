//! The device pipeline: detection, profiles, Shift_JIS/emoji codec, form decoding.

pub mod builtin;
pub mod charmap;
pub mod client_addr;
pub mod codec;
pub mod detect;
pub mod emoji;
pub mod form;
pub mod gateway;
pub mod jis;
pub mod profile;
pub mod ua;

pub use codec::{Codec, DecodeError, Target};
pub use detect::{detect, Device, DeviceSummary, RequestInfo};
pub use profile::{Charset, ProfileRegistry};
