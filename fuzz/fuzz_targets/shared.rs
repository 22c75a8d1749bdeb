//! The profiles and codec every target decodes with: the ones built into the binary.

use hiroba::keitai::emoji::EmojiTable;
use hiroba::keitai::{Codec, ProfileRegistry};
use std::sync::{Arc, OnceLock};

pub fn profiles() -> &'static ProfileRegistry {
    static PROFILES: OnceLock<ProfileRegistry> = OnceLock::new();
    PROFILES.get_or_init(|| ProfileRegistry::builtin().expect("built-in profiles"))
}

pub fn codec() -> &'static Codec {
    static CODEC: OnceLock<Codec> = OnceLock::new();
    CODEC.get_or_init(|| Codec::new(Arc::new(EmojiTable::builtin().expect("built-in emoji table"))))
}
