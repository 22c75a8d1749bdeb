//! User-Agent grammars of the carriers, keypad phones and smartphones.

/// What a User-Agent grammar extracts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub model: String,
    pub browser: String,
    /// docomo/WILLCOM page cache (`cNN`) in KB.
    pub cache_kb: Option<u32>,
    /// Screen width the UA itself implies.
    pub width_px: Option<u32>,
    /// The browser renders Compact HTML only.
    pub compact_only: bool,
}

/// docomo: `DoCoMo/1.0/P503i/c10/TB`, `DoCoMo/2.0 SH906i(c100;TB;W24H16)`, `DoCoMo/3.0 P07A3(c500;TB;W24H15)`.
pub fn docomo(ua: &str) -> Parsed {
    let (version, rest) = ua
        .split_once([' ', '/'])
        .and_then(|(_, r)| r.split_once([' ', '/']))
        .map_or((ua, ""), |(v, r)| (v, r));
    let version = &ua[..("DoCoMo/".len() + version.len()).min(ua.len())];
    if ua.as_bytes().get(version.len()) == Some(&b'/') {
        // The mova form: DoCoMo/1.0/MODEL/cNN/…
        let mut parts = rest.split('/');
        let model = parts.next().unwrap_or_default().to_string();
        let cache_kb = parts.find_map(cache_token);
        let browser = if version == "DoCoMo/3.0" {
            "imode3.0"
        } else {
            "imode1.0"
        };
        return Parsed {
            model,
            browser: browser.into(),
            cache_kb,
            width_px: None,
            compact_only: version == "DoCoMo/1.0",
        };
    }
    let (model, params) = rest.split_once('(').unwrap_or((rest, ""));
    let model = model.trim().trim_start_matches("MST_v_").to_string();
    let params: Vec<&str> = params.trim_end_matches(')').split(';').map(str::trim).collect();
    let cache_kb = params.iter().find_map(|p| cache_token(p));
    let width_px = params.iter().find_map(|p| display_chars(p)).map(|chars| chars * 10);
    let browser = if version == "DoCoMo/3.0" {
        "imode3.0"
    } else if cache_kb.is_some_and(|kb| kb >= 500) {
        "imode2.0"
    } else {
        "imode1.0"
    };
    Parsed {
        model,
        browser: browser.into(),
        cache_kb,
        width_px,
        compact_only: false,
    }
}

/// `c100` → 100.
fn cache_token(token: &str) -> Option<u32> {
    token
        .strip_prefix('c')
        .or_else(|| token.strip_prefix('C'))
        .and_then(|n| n.parse().ok())
}

/// FOMA's `W24H16`: the display in characters.
fn display_chars(token: &str) -> Option<u32> {
    let rest = token.strip_prefix('W')?;
    let (w, _) = rest.split_once('H')?;
    w.parse().ok()
}

/// au: `KDDI-SA31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0` (WAP 2.0), `UP.Browser/3.04-SN12 UP.Link/3.4.5.2` (WAP 1.0).
pub fn au(ua: &str) -> Parsed {
    if let Some(rest) = ua.strip_prefix("KDDI-") {
        let model = rest.split(' ').next().unwrap_or_default().to_string();
        return Parsed {
            model,
            browser: "wap2".into(),
            ..Parsed::default()
        };
    }
    let version = ua
        .strip_prefix("UP.Browser/")
        .unwrap_or(ua)
        .split(' ')
        .next()
        .unwrap_or_default();
    let model = version.split_once('-').map(|(_, m)| m).unwrap_or_default().to_string();
    Parsed {
        model,
        browser: "wap1".into(),
        compact_only: true,
        ..Parsed::default()
    }
}

/// SoftBank, Vodafone, J-PHONE: `SoftBank/1.0/910SH/SHJ001/…`, `J-PHONE/4.0/J-SH51/…`, `MOT-V980/…`;
/// 3GC handsets also name the model in `X-JPHONE-MSNAME`.
pub fn softbank(ua: &str, msname: Option<String>) -> Parsed {
    // Some J-PHONE browsers announce themselves after an IE-style `Mozilla/4.0 (compatible; …` part,
    // so the grammar starts at the carrier token wherever it is.
    let ua = ua.find("J-PHONE/").map_or(ua, |at| &ua[at..]);
    let mut parts = ua.split([' ', '/']);
    let vendor = parts.next().unwrap_or_default();
    let (browser, from_ua) = if let Some(model) = vendor.strip_prefix("MOT-") {
        ("vodafone", model.to_string())
    } else {
        let browser = match vendor {
            "J-PHONE" | "J-EMULATOR" => "jphone",
            "Vodafone" | "Vemulator" => "vodafone",
            _ => "softbank",
        };
        (browser, model_token(parts.nth(1).unwrap_or_default()))
    };
    let model = msname
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .unwrap_or(from_ua);
    Parsed {
        model,
        browser: browser.into(),
        compact_only: browser == "jphone",
        ..Parsed::default()
    }
}

/// The model ends where a comment such as `(compatible; Mozilla 4.0; MSIE 5.5)` or a field begins.
fn model_token(token: &str) -> String {
    token
        .split(['(', ')', ';'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// WILLCOM: `Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0`.
pub fn willcom(ua: &str) -> Parsed {
    let inside = ua.split_once('(').map(|(_, r)| r).unwrap_or_default();
    let inside = inside.split_once(')').map(|(i, _)| i).unwrap_or(inside);
    let mut fields = inside.split(';');
    fields.next();
    let model = fields
        .next()
        .and_then(|maker| maker.split('/').nth(1))
        .unwrap_or_default()
        .to_string();
    let cache_kb = inside.rsplit('/').next().and_then(cache_token);
    Parsed {
        model,
        browser: "willcom".into(),
        cache_kb,
        compact_only: true,
        ..Parsed::default()
    }
}

/// 4G keypad phones: the Android model code, or the KaiOS device token.
pub fn keypad(ua: &str, android_model: Option<String>) -> Parsed {
    let model = android_model.or_else(|| kaios_model(ua)).unwrap_or_default();
    Parsed {
        model,
        ..Parsed::default()
    }
}

/// `Mozilla/5.0 (Mobile; Nokia_8110_4G; rv:48.0) … KAIOS/2.5` → `Nokia_8110_4G`;
/// `(Mobile; LYF/F300B/LYF-F300B-…; Android; rv:48.0)` → `F300B`; `(Mobile; rv:48.0; A405DL)` → `A405DL`.
fn kaios_model(ua: &str) -> Option<String> {
    let inside = ua.split_once("(Mobile;")?.1;
    let inside = inside.split_once(')').map_or(inside, |(i, _)| i);
    let token = inside
        .split(';')
        .map(str::trim)
        .find(|f| !f.is_empty() && !f.starts_with("rv:") && *f != "Android")?;
    let model = if token.contains('/') {
        token.split('/').nth(1)?
    } else {
        token
    };
    (!model.is_empty()).then(|| model.to_string())
}

/// iPhone, iPad, iPod, BlackBerry or the Android model code.
pub fn smartphone(ua: &str, android_model: Option<String>) -> Parsed {
    let model = ["iPhone", "iPad", "iPod", "BlackBerry", "BB10"]
        .into_iter()
        .find(|m| ua.contains(m))
        .map(str::to_string)
        .or(android_model)
        .unwrap_or_default();
    Parsed {
        model,
        ..Parsed::default()
    }
}

/// The model code of an Android User-Agent: `(Linux; Android 9; SH-02L Build/…; wv)` → `SH-02L`,
/// `(Linux; U; Android 4.4.2; ja-jp; SHF31 Build/…)` → `SHF31`, `(Linux; Android 10; K)` → `K`.
pub fn android_model(ua: &str) -> Option<String> {
    // `Android ` and a version; KaiOS writes a bare `Android;` that names no model.
    let start = ua.find("Android ")?;
    let inside = &ua[start..];
    let inside = inside.split_once(')').map(|(i, _)| i).unwrap_or(inside);
    let fields: Vec<&str> = inside.split(';').map(str::trim).collect();
    let with_build = fields
        .iter()
        .find_map(|f| f.split_once(" Build/").map(|(m, _)| m.trim()));
    let model = with_build.or_else(|| {
        fields
            .iter()
            .skip(1)
            .rev()
            .find(|f| !f.is_empty() && **f != "wv" && !f.starts_with("rv:") && !is_locale(f))
            .copied()
    })?;
    (!model.is_empty()).then(|| model.to_string())
}

fn is_locale(field: &str) -> bool {
    let b = field.as_bytes();
    (b.len() == 5 && b[2] == b'-') || (b.len() == 2 && field.chars().all(|c| c.is_ascii_lowercase())) || field == "U"
}

/// A search engine or other robot, including those that pose as keitai (`Googlebot-Mobile`, `Y!J-`).
pub fn is_crawler(ua: &str) -> bool {
    const TOKENS: [&str; 14] = [
        "googlebot",
        "bingbot",
        "y!j-",
        "slurp",
        "baiduspider",
        "yandex",
        "duckduckbot",
        "applebot",
        "msnbot",
        "crawler",
        "spider",
        "bot/",
        "bot;",
        "mediapartners-google",
    ];
    let lower = ua.to_ascii_lowercase();
    TOKENS.iter().any(|t| lower.contains(t))
}

/// `240,320` or `240*320` → 240.
pub fn leading_number(value: &str) -> Option<u32> {
    value.trim().split([',', '*', 'x']).next()?.trim().parse().ok()
}
