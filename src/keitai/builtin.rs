//! The device profiles, emoji table and gateway list shipped in `carrier-profiles/`, compiled into
//! the binary: a server started from any folder has them, and `profiles_dir` still overrides them.

/// Every profile file of `carrier-profiles/` (a test checks that none is left out).
pub const PROFILES: &[(&str, &str)] = &[
    ("au.toml", include_str!("../../carrier-profiles/au.toml")),
    ("docomo.toml", include_str!("../../carrier-profiles/docomo.toml")),
    ("garaho.toml", include_str!("../../carrier-profiles/garaho.toml")),
    ("pc.toml", include_str!("../../carrier-profiles/pc.toml")),
    (
        "smartphone.toml",
        include_str!("../../carrier-profiles/smartphone.toml"),
    ),
    ("softbank.toml", include_str!("../../carrier-profiles/softbank.toml")),
    ("willcom.toml", include_str!("../../carrier-profiles/willcom.toml")),
];

/// `carrier-profiles/emoji.tsv`.
pub const EMOJI_TSV: &str = include_str!("../../carrier-profiles/emoji.tsv");

/// `carrier-profiles/gateways.toml`.
pub const GATEWAYS: &str = include_str!("../../carrier-profiles/gateways.toml");

/// How errors name the built-in files instead of a path.
pub const SHOWN_AS: &str = "(built-in carrier-profiles)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keitai::emoji::EmojiTable;
    use crate::keitai::gateway::GatewayList;
    use crate::keitai::ProfileRegistry;

    #[test]
    fn every_shipped_profile_is_built_in_and_the_same_as_its_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles");
        let mut shipped: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && !n.starts_with("gateways"))
            .collect();
        shipped.sort();
        let built_in: Vec<&str> = PROFILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(shipped, built_in);
        for (name, text) in PROFILES {
            assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), *text, "{name}");
        }
    }

    #[test]
    fn the_built_in_files_load() {
        let registry = ProfileRegistry::builtin().unwrap();
        assert_eq!(registry.iter().count(), PROFILES.len());
        assert!(EmojiTable::parse(EMOJI_TSV).is_ok());
        assert!(GatewayList::parse(GATEWAYS).is_ok());
    }
}
