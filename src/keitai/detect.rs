//! Device detection: User-Agent and carrier headers → `Device`.

use super::codec::Target;
use super::profile::{Charset, Cookies, Css, EmojiSet, InputMode, Markup, Profile, ProfileRegistry, UaParser};
use super::ua;
use serde::Serialize;
use std::sync::Arc;

/// What the pipeline knows about the device behind a request.
#[derive(Debug, Clone)]
pub struct Device {
    pub profile: Arc<Profile>,
    /// docomo, au, softbank, willcom, or empty.
    pub carrier: String,
    pub model: String,
    pub browser: String,
    pub markup: Markup,
    pub css: Css,
    pub content_type: String,
    pub cookies: bool,
    pub max_page_bytes: usize,
    pub screen_width: u32,
    /// A search engine's robot: never given a session id.
    pub crawler: bool,
}

/// The request facts detection reads.
pub struct RequestInfo<'a> {
    pub user_agent: &'a str,
    pub https: bool,
    /// Looks up a request header by name.
    pub header: &'a dyn Fn(&str) -> Option<String>,
}

/// `/device.json`: what detection concluded.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DeviceSummary {
    pub profile: String,
    pub carrier: String,
    pub model: String,
    pub browser: String,
    pub cookies: bool,
    pub charset: String,
    pub content_type: String,
    pub max_page_bytes: usize,
    pub screen_width: u32,
    pub crawler: bool,
}

impl Device {
    pub fn charset(&self) -> Charset {
        self.profile.charset
    }

    pub fn emoji(&self) -> EmojiSet {
        self.profile.emoji
    }

    pub fn input_mode(&self) -> InputMode {
        self.profile.input_mode
    }

    pub fn is_keitai(&self) -> bool {
        self.profile.keitai
    }

    /// A phone that shows our pages but cannot scan a QR code on its own screen: it is offered
    /// links (`mailto:`) where a PC is offered QR codes to scan with a phone.
    pub fn cannot_scan_own_screen(&self) -> bool {
        self.profile.keitai || self.profile.id == "smartphone"
    }

    /// Whether a page may offer file fields: the WebView browsers of keypad phones, smartphones and
    /// PCs upload files; we do not count on the i-mode, EZweb, SoftBank and WILLCOM browsers (Compact
    /// HTML, XHTML-MP) doing so, and point their users to the posting address instead.
    pub fn can_upload_files(&self) -> bool {
        !matches!(self.markup, Markup::Chtml | Markup::Xhtml)
    }

    /// The Content-Type header value, charset included.
    pub fn content_type_header(&self) -> String {
        format!("{}; charset={}", self.content_type, self.charset().label())
    }

    /// How text is encoded for this device.
    pub fn target(&self) -> Target {
        Target {
            charset: self.charset(),
            emoji: self.emoji(),
            avoid_vendor_rows: self.profile.avoid_vendor_rows,
        }
    }

    pub fn summary(&self) -> DeviceSummary {
        DeviceSummary {
            profile: self.profile.id.clone(),
            carrier: self.carrier.clone(),
            model: self.model.clone(),
            browser: self.browser.clone(),
            cookies: self.cookies,
            charset: self.charset().label().to_string(),
            content_type: self.content_type.clone(),
            max_page_bytes: self.max_page_bytes,
            screen_width: self.screen_width,
            crawler: self.crawler,
        }
    }
}

/// Decides the profile and capabilities of the device behind a request.
pub fn detect(registry: &ProfileRegistry, req: &RequestInfo<'_>) -> Device {
    let ua_text = req.user_agent.trim();
    let android_model = ua::android_model(ua_text);
    let profile = registry
        .iter()
        .find(|p| matches(p, ua_text, android_model.as_deref()))
        .unwrap_or_else(|| registry.catch_all());
    let parsed = match profile.parser {
        UaParser::Docomo => ua::docomo(ua_text),
        UaParser::Au => ua::au(ua_text),
        UaParser::Softbank => ua::softbank(ua_text, (req.header)("X-JPHONE-MSNAME")),
        UaParser::Willcom => ua::willcom(ua_text),
        UaParser::Keypad => ua::keypad(ua_text, android_model),
        UaParser::Smartphone => ua::smartphone(ua_text, android_model),
        UaParser::None => ua::Parsed::default(),
    };
    let variant = profile.variants.iter().find(|v| v.browsers.contains(&parsed.browser));
    let compact = parsed.compact_only || profile.chtml_models.contains(&parsed.model);
    let (mut markup, mut css, mut content_type) = (profile.markup, profile.css, profile.content_type.clone());
    let (mut cookies, mut page_kb) = (profile.cookies, profile.page_kb);
    if let Some(v) = variant {
        markup = v.markup.unwrap_or(markup);
        css = v.css.unwrap_or(css);
        content_type = v.content_type.clone().unwrap_or(content_type);
        cookies = v.cookies.unwrap_or(cookies);
        page_kb = v.page_kb.unwrap_or(page_kb);
    }
    if compact {
        (markup, css, content_type) = (Markup::Chtml, Css::None, "text/html".to_string());
    }
    let screen_width = screen_width(profile, &parsed, req);
    Device {
        carrier: profile.carrier_of(&parsed.model),
        model: parsed.model,
        browser: parsed.browser,
        markup,
        css,
        content_type,
        cookies: match cookies {
            Cookies::Always => true,
            Cookies::Never => false,
            Cookies::NotOverHttps => !req.https,
        },
        max_page_bytes: parsed.cache_kb.unwrap_or(page_kb) as usize * 1024,
        screen_width,
        crawler: ua::is_crawler(ua_text),
        profile: Arc::clone(profile),
    }
}

fn matches(profile: &Profile, ua_text: &str, android_model: Option<&str>) -> bool {
    let rules = &profile.rules;
    rules.ua_prefixes.iter().any(|p| ua_text.starts_with(p.as_str()))
        || rules.ua_contains.iter().any(|c| ua_text.contains(c.as_str()))
        || android_model.is_some_and(|model| {
            rules.models.iter().any(|m| m.eq_ignore_ascii_case(model))
                || rules.model_prefixes.iter().any(|p| model.starts_with(p.as_str()))
        })
}

fn screen_width(profile: &Profile, parsed: &ua::Parsed, req: &RequestInfo<'_>) -> u32 {
    let from_header = match profile.parser {
        UaParser::Au => (req.header)("X-UP-DEVCAP-SCREENPIXELS").and_then(|v| ua::leading_number(&v)),
        UaParser::Softbank => (req.header)("X-JPHONE-DISPLAY").and_then(|v| ua::leading_number(&v)),
        _ => None,
    };
    from_header
        .or_else(|| profile.screen_widths.get(&parsed.model).copied())
        .or(parsed.width_px)
        .filter(|&w| (96..=4096).contains(&w))
        .unwrap_or(profile.screen_width)
}
