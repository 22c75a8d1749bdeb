//! The exact bytes of one page per device profile, fetched over HTTP with a real User-Agent:
//! status, headers (but Date) and body. Snapshots in `snapshots/`; only the CSRF token and
//! session ids are replaced.
//!
//! A page changed on purpose: `INSTA_UPDATE=always cargo test --test app page_bytes`, then read
//! the diff of `snapshots/` before committing it.

use crate::helpers::snapshot::{self, Charset};
use crate::helpers::{ua, Response};

/// Status, headers sorted by name (without Date, with cookie values replaced), and the body.
fn shown(response: &Response) -> String {
    let mut headers: Vec<String> = response
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("date"))
        .map(|(name, value)| {
            let value = match value.split_once('=') {
                // The cookie's value is the session id; its name and attributes are kept.
                Some((cookie, rest)) if name.eq_ignore_ascii_case("set-cookie") => {
                    let attributes = rest.split_once(';').map(|(_, a)| format!(";{a}")).unwrap_or_default();
                    format!("{cookie}=[session]{attributes}")
                }
                _ => value.clone(),
            };
            format!("{}: {value}", name.to_ascii_lowercase())
        })
        .collect();
    headers.sort();
    let body = snapshot::redact(&response.body, "name=\"csrf\" value=\"", b"\"", "csrf");
    let body = snapshot::redact(&body, "sid=", b"&\"", "sid");
    let charset = if response.is_shift_jis() {
        Charset::ShiftJis
    } else {
        Charset::Utf8
    };
    format!(
        "{}\n{}\n\n{}",
        response.status,
        headers.join("\n"),
        snapshot::html(&body, charset)
    )
}

db_test! {
    fn the_login_page_on_every_profile_is_byte_for_byte_what_the_device_gets(app: Empty) {
        for (profile, user_agent) in [
            ("docomo", ua::DOCOMO_FOMA_2),
            ("au", ua::AU),
            ("softbank", ua::SOFTBANK),
            ("willcom", ua::WILLCOM),
            ("garaho", ua::GARAHO),
            ("smartphone", ua::IPHONE),
            ("pc", ua::PC),
        ] {
            assert_eq!(app.get("/device.json", user_agent).json()["profile"], profile, "{user_agent}");
            let page = app.get("/login", user_agent);
            insta::with_settings!({ prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(format!("login_{profile}"), shown(&page));
            });
        }
    }
}
