//! The shipped profiles and emoji table, loaded once for the mail tests (as `startup` loads them).

use crate::keitai::emoji::EmojiTable;
use crate::keitai::profile::Profile;
use crate::keitai::{Codec, ProfileRegistry};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

fn profiles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles")
}

pub(crate) fn codec() -> &'static Codec {
    static CODEC: OnceLock<Codec> = OnceLock::new();
    CODEC.get_or_init(|| {
        let table = EmojiTable::load(&profiles_dir().join("emoji.tsv")).expect("emoji table");
        Codec::new(Arc::new(table))
    })
}

pub(crate) fn registry() -> &'static ProfileRegistry {
    static REGISTRY: OnceLock<ProfileRegistry> = OnceLock::new();
    REGISTRY.get_or_init(|| ProfileRegistry::load(&profiles_dir()).expect("carrier profiles"))
}

/// The profile mail to `address` is written for.
pub(crate) fn profile_for(address: &str) -> &'static Profile {
    let domain = address.rsplit_once('@').map_or(address, |(_, d)| d);
    registry().mail_profile(domain)
}
