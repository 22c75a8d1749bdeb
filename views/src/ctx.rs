//! The device context every view receives.

/// The markup dialect of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Compact HTML: no CSS, HTML 3.2-era elements.
    Chtml,
    /// XHTML Mobile Profile: well-formed XML.
    Xhtml,
    /// Small HTML5 for keypad phones.
    SmallHtml,
    /// Responsive HTML5.
    Html5,
}

/// How the page may be styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Styling {
    None,
    /// Inline `style` attributes only (docomo XHTML).
    Inline,
    /// A style sheet in the head.
    Sheet,
}

/// The attribute that sets a text field's initial input mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputHint {
    Istyle,
    Format,
    Mode,
    Inputmode,
}

/// What a text field expects, for the input-mode hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Japanese,
    Latin,
    Number,
}

/// Everything a view needs to know about the device and the session.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub flavor: Flavor,
    pub styling: Styling,
    pub input_hint: InputHint,
    /// A keypad device: links get `accesskey` and visible number marks.
    pub keypad: bool,
    /// Charset label for the XML declaration, meta tag and `accept-charset`.
    pub charset: &'static str,
    /// Session id carried in URLs when the device keeps no cookies.
    pub sid: Option<String>,
    /// CSRF token written into every POST form.
    pub csrf: Option<String>,
    /// A member is logged in (the footer offers my page and logout instead of login).
    pub signed_in: bool,
    /// The service's configured name (e.g. かしわ子育てひろば): the top page's title and the end
    /// of every tab title on PC and smartphone.
    pub service: String,
}

impl Ctx {
    /// A URL of ours, with the session id when the device needs it in the URL.
    pub fn url(&self, path: &str) -> String {
        match &self.sid {
            Some(sid) => {
                let joiner = if path.contains('?') { '&' } else { '?' };
                format!("{path}{joiner}sid={sid}")
            }
            None => path.to_string(),
        }
    }

    /// A link target for another site: through `/out` when a sid could leak in the Referer.
    pub fn external_url(&self, url: &str) -> String {
        if self.sid.is_some() {
            format!("/out?u={}", percent_encode(url))
        } else {
            url.to_string()
        }
    }
}

/// Percent-encodes everything but unreserved characters (for a URL inside a query).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
