//! Real User-Agents (tests/data/user-agents.toml) → the expected `/device.json`.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
struct Cases {
    ua: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    ua: String,
    #[allow(dead_code)]
    note: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    profile: String,
    carrier: String,
    model: String,
    browser: String,
    cache_kb: Option<u64>,
    #[serde(default)]
    crawler: bool,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/user-agents.toml");
    let text = std::fs::read_to_string(path).expect("user-agents.toml");
    toml::from_str::<Cases>(&text).expect("valid cases").ua
}

/// What the DESIGN rules say about cookies for a case.
fn expected_cookies(case: &Case) -> bool {
    match case.profile.as_str() {
        "docomo" => matches!(case.browser.as_str(), "imode2.0" | "imode3.0"),
        "softbank" => case.browser != "jphone",
        _ => true,
    }
}

db_test! {
    fn real_user_agents_are_detected_as_expected(app: Empty) {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let mut headers: Vec<(&str, &str)> = vec![("User-Agent", case.ua.as_str())];
        headers.extend(case.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let got = app.get_with("/device.json", &headers).json();
        let mut expected = serde_json::json!({
            "profile": case.profile,
            "carrier": case.carrier,
            "model": case.model,
            "browser": case.browser,
            "crawler": case.crawler,
            "cookies": expected_cookies(case),
        });
        if let Some(kb) = case.cache_kb {
            expected["max_page_bytes"] = (kb * 1024).into();
        }
        let keitai = matches!(case.profile.as_str(), "docomo" | "au" | "softbank" | "willcom");
        expected["charset"] = if keitai { "Shift_JIS" } else { "UTF-8" }.into();
        let mismatched: Vec<String> = expected
            .as_object()
            .expect("object")
            .iter()
            .filter(|(k, v)| got[k.as_str()] != **v)
            .map(|(k, v)| format!("{k}: expected {v}, got {}", got[k.as_str()]))
            .collect();
        if !mismatched.is_empty() {
            failures.push(format!("{}\n    {}", case.ua, mismatched.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    }
}

db_test! {
    fn carrier_headers_give_the_screen_width(app: Empty) {
        let au = app
            .get_with(
                "/device.json",
                &[
                    ("User-Agent", "KDDI-CA3B UP.Browser/6.2_7.2.7.1.K.2.234 (GUI) MMP/2.0"),
                    ("X-UP-DEVCAP-SCREENPIXELS", "480,800"),
                ],
            )
            .json();
        assert_eq!(au["screen_width"], 480);
        let sb = app
            .get_with(
                "/device.json",
                &[
                    (
                        "User-Agent",
                        "SoftBank/1.0/912SH/SHJ001/SN000000000000000 Browser/NetFront/3.4 Profile/MIDP-2.0",
                    ),
                    ("X-JPHONE-DISPLAY", "240*400"),
                ],
            )
            .json();
        assert_eq!(sb["screen_width"], 240);
        let foma = app.get("/device.json", "DoCoMo/2.0 N905i(c100;TB;W24H16)").json();
        assert_eq!(foma["screen_width"], 240);
    }
}

db_test! {
    fn au_keeps_cookies_over_http_but_not_over_https(app: Empty) {
        let au = "KDDI-SA31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0";
        assert_eq!(app.get("/device.json", au).json()["cookies"], true);
        let over_https = app
            .get_with("/device.json", &[("User-Agent", au), ("X-Forwarded-Proto", "https")])
            .json();
        assert_eq!(over_https["cookies"], false);
    }
}

db_test! {
    fn x_forwarded_proto_counts_only_from_a_trusted_proxy(backend: Backend) {
        let app = crate::helpers::spawn(backend, crate::helpers::Seed::Empty, |s| s.trusted_proxies = Default::default());
        let au = "KDDI-SA31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0";
        let claimed = app
            .get_with("/device.json", &[("User-Agent", au), ("X-Forwarded-Proto", "https")])
            .json();
        assert_eq!(claimed["cookies"], true, "an untrusted peer cannot claim HTTPS");
    }
}
