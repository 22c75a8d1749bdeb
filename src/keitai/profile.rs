//! Device profiles: one TOML file per profile in `carrier-profiles/`, parsed strictly at start-up.

use super::builtin;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The markup a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Markup {
    /// Compact HTML (i-mode mova, WILLCOM, au WAP1): no CSS, no XML declaration.
    Chtml,
    /// XHTML Mobile Profile / i-mode XHTML.
    Xhtml,
    /// Small HTML5 for keypad phones: no scripts, few styles.
    SmallHtml,
    /// Responsive HTML5 with a style sheet.
    Html5,
}

/// How a page may be styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Css {
    None,
    /// Only `style` attributes (docomo XHTML).
    Inline,
    /// A `<style>` element in the head.
    Sheet,
}

/// Character encoding of pages and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Charset {
    /// CP932 (Windows-31J), what Japanese phones mean by Shift_JIS.
    ShiftJis,
    #[serde(rename = "utf-8")]
    Utf8,
}

impl Charset {
    /// The label written in Content-Type and `accept-charset`.
    pub fn label(self) -> &'static str {
        match self {
            Charset::ShiftJis => "Shift_JIS",
            Charset::Utf8 => "UTF-8",
        }
    }
}

/// Which code space emoji are written in for this profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmojiSet {
    Docomo,
    Au,
    Softbank,
    /// Standard Unicode emoji.
    Unicode,
}

/// When the device keeps cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cookies {
    Always,
    Never,
    /// Kept over http only (au drops cookies over https).
    NotOverHttps,
}

/// The attribute that hints a text input's initial input mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputMode {
    /// docomo `istyle="1"`.
    Istyle,
    /// au `format="*M"`.
    Format,
    /// SoftBank `mode="hiragana"`.
    Mode,
    /// HTML5 `inputmode`.
    Inputmode,
}

/// Which user-agent grammar extracts the model and browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UaParser {
    Docomo,
    Au,
    Softbank,
    Willcom,
    /// Android WebView and KaiOS keypad phones.
    Keypad,
    Smartphone,
    None,
}

/// How a profile is recognised; any one rule suffices.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRules {
    /// The User-Agent starts with one of these.
    #[serde(default)]
    pub ua_prefixes: Vec<String>,
    /// The User-Agent contains one of these.
    #[serde(default)]
    pub ua_contains: Vec<String>,
    /// The Android model code is one of these (exact, case-insensitive).
    #[serde(default)]
    pub models: Vec<String>,
    /// The Android model code starts with one of these.
    #[serde(default)]
    pub model_prefixes: Vec<String>,
}

/// Overrides for a browser generation within a profile (first match wins).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Browser ids this variant applies to (as detection reports them).
    pub browsers: Vec<String>,
    pub markup: Option<Markup>,
    pub css: Option<Css>,
    pub content_type: Option<String>,
    pub cookies: Option<Cookies>,
    pub page_kb: Option<u32>,
}

/// One device profile, as written in `carrier-profiles/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    /// Japanese name shown on the device page.
    pub name: String,
    /// Lower numbers are tried first; the catch-all profile has no rules.
    pub priority: u32,
    /// Mobile carrier, empty when the profile is not a carrier's.
    #[serde(default)]
    pub carrier: String,
    /// Keypad phones of the carriers' own browsers: number-key links, no scripts, budgets enforced by tests.
    pub keitai: bool,
    pub parser: UaParser,
    pub markup: Markup,
    pub css: Css,
    pub charset: Charset,
    /// Content-Type without the charset parameter.
    pub content_type: String,
    pub cookies: Cookies,
    pub emoji: EmojiSet,
    pub input_mode: InputMode,
    /// Page budget in KB when the User-Agent does not say.
    pub page_kb: u32,
    pub screen_width: u32,
    /// Replace characters of the NEC row 13 and IBM extension rows, which some handsets lack.
    #[serde(default)]
    pub avoid_vendor_rows: bool,
    /// Header carrying the subscriber id (never trusted by detection itself).
    #[serde(default)]
    pub subscriber_id_header: String,
    /// Mail domains of this carrier (`*.` for subdomains).
    #[serde(default)]
    pub mail_domains: Vec<String>,
    #[serde(default, rename = "match")]
    pub rules: MatchRules,
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// Known screen widths by model.
    #[serde(default)]
    pub screen_widths: HashMap<String, u32>,
    /// The carrier that sold a model, by model-code prefix (keypad phones carry no carrier token).
    #[serde(default)]
    pub model_carriers: HashMap<String, String>,
    /// Models that get Compact HTML although their browser would get the profile's markup.
    #[serde(default)]
    pub chtml_models: Vec<String>,
}

/// Why the profiles could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("端末プロファイルのフォルダ {path} を読めません。HIROBA_PROFILES_DIR を確かめるか、設定を外して組み込みのプロファイルを使ってください (cannot read the carrier profiles in {path}: check HIROBA_PROFILES_DIR, or unset it to use the built-in profiles): {source}")]
    Read { path: String, source: std::io::Error },
    #[error("端末プロファイル {path} が正しくありません (invalid carrier profile {path}): {message}")]
    Invalid { path: String, message: String },
}

/// All profiles, in the order detection tries them.
#[derive(Debug, Clone)]
pub struct ProfileRegistry {
    profiles: Vec<Arc<Profile>>,
}

impl ProfileRegistry {
    /// Reads every `*.toml` file of `dir`; a broken file names itself and the field.
    pub fn load(dir: &Path) -> Result<Self, ProfileError> {
        let read_err = |source| ProfileError::Read {
            path: dir.display().to_string(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml") && !is_gateway_file(p))
            .collect();
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| ProfileError::Read {
                path: path.display().to_string(),
                source,
            })?;
            files.push((path.display().to_string(), text));
        }
        Self::parse(&dir.display().to_string(), files)
    }

    /// The profiles compiled into the binary (`keitai::builtin`).
    pub fn builtin() -> Result<Self, ProfileError> {
        let files = builtin::PROFILES
            .iter()
            .map(|(name, text)| (format!("{} {name}", builtin::SHOWN_AS), text.to_string()));
        Self::parse(builtin::SHOWN_AS, files.collect())
    }

    /// Parses and checks profile files given as (shown name, TOML text).
    fn parse(shown_as: &str, files: Vec<(String, String)>) -> Result<Self, ProfileError> {
        let mut profiles = Vec::with_capacity(files.len());
        for (shown, text) in files {
            let profile: Profile = toml::from_str(&text).map_err(|e| ProfileError::Invalid {
                path: shown.clone(),
                message: e.to_string(),
            })?;
            profile
                .check()
                .map_err(|message| ProfileError::Invalid { path: shown, message })?;
            profiles.push(profile);
        }
        Self::new(profiles).map_err(|message| ProfileError::Invalid {
            path: shown_as.to_string(),
            message,
        })
    }

    /// Orders the profiles and checks that exactly one is the catch-all.
    pub fn new(mut profiles: Vec<Profile>) -> Result<Self, String> {
        profiles.sort_by_key(|p| p.priority);
        let profiles: Vec<Arc<Profile>> = profiles.into_iter().map(Arc::new).collect();
        let catch_all = profiles.iter().filter(|p| p.parser == UaParser::None).count();
        if catch_all != 1 {
            return Err(format!(
                "exactly one profile must have parser = \"none\" (found {catch_all})"
            ));
        }
        if profiles.last().map(|p| p.parser) != Some(UaParser::None) {
            return Err("the profile with parser = \"none\" must have the highest priority".into());
        }
        Ok(Self { profiles })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<Profile>> {
        self.profiles.iter()
    }

    /// The profile used when nothing else matches.
    pub fn catch_all(&self) -> &Arc<Profile> {
        // `new` guarantees the last profile exists and is the catch-all.
        &self.profiles[self.profiles.len() - 1]
    }

    /// The profile of a mail address's domain (see `mail_profile`).
    pub fn mail_profile_of_address(&self, address: &str) -> &Arc<Profile> {
        self.mail_profile(address.rsplit_once('@').map(|(_, domain)| domain).unwrap_or_default())
    }

    /// The profile whose mail domains hold `domain` (`*.` matches any subdomain), else the catch-all:
    /// it decides how mail to an address is encoded.
    pub fn mail_profile(&self, domain: &str) -> &Arc<Profile> {
        let domain = domain.to_ascii_lowercase();
        self.profiles
            .iter()
            .find(|p| {
                p.mail_domains.iter().any(|pattern| match pattern.strip_prefix("*.") {
                    Some(parent) => domain.strip_suffix(parent).is_some_and(|head| head.ends_with('.')),
                    None => *pattern == domain,
                })
            })
            .unwrap_or_else(|| self.catch_all())
    }
}

fn is_gateway_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("gateways"))
}

impl Profile {
    /// The carrier of a device of this profile: the profile's own, else by the model's prefix.
    pub fn carrier_of(&self, model: &str) -> String {
        if !self.carrier.is_empty() {
            return self.carrier.clone();
        }
        self.model_carriers
            .iter()
            .filter(|(prefix, _)| model.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, carrier)| carrier.clone())
            .unwrap_or_default()
    }

    fn check(&self) -> Result<(), String> {
        if self.page_kb == 0 || self.screen_width == 0 {
            return Err("page_kb and screen_width must be above zero".into());
        }
        if self.charset == Charset::ShiftJis && self.emoji == EmojiSet::Unicode {
            return Err("a Shift_JIS profile needs a carrier emoji set".into());
        }
        Ok(())
    }
}
