//! Exact bytes of awkward text served to each carrier.

use crate::helpers::{ua, TestApp};
use chrono::NaiveDate;
use hiroba::db::models::notice::{NewNotice, Notice};

/// Stores a notice whose body is `text` between markers and returns the bytes served between them.
fn served_bytes(app: &TestApp, text: &str, user_agent: &str) -> (Vec<u8>, String) {
    let body = format!("<<{text}>>");
    let mut conn = app.pool.get().expect("connection");
    Notice::insert(
        &mut conn,
        &NewNotice {
            title: "文字テスト",
            body: &body,
            published_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        },
    )
    .expect("insert");
    let id = Notice::latest(&mut conn, 100)
        .expect("notices")
        .into_iter()
        .map(|n| n.id)
        .max()
        .expect("an id");
    let response = app.get(&format!("/notices/{id}"), user_agent);
    assert_eq!(response.status, 200);
    let start = response
        .body
        .windows(8)
        .position(|w| w == b"&lt;&lt;")
        .expect("start marker")
        + 8;
    let end = response
        .body
        .windows(8)
        .position(|w| w == b"&gt;&gt;")
        .expect("end marker");
    (
        response.body[start..end].to_vec(),
        response.header("content-type").unwrap_or_default().to_string(),
    )
}

const AWKWARD: &str = "〜—−①㈱🇯🇵𠮷☀";

db_test! {
    fn docomo_gets_cp932_with_safe_replacements_and_docomo_emoji(app: Empty) {
        let (bytes, content_type) = served_bytes(&app, AWKWARD, ua::DOCOMO_FOMA_2);
        let mut expected = vec![0x81, 0x60, 0x81, 0x5C, 0x81, 0x7C]; // 〜 — − as CP932 has them
        expected.extend_from_slice(b"(1)"); // ① is in NEC row 13, which some docomo handsets lack
        expected.extend_from_slice(&[b'(', 0x8A, 0x94, b')']); // ㈱ → (株)
        expected.extend_from_slice(&[b'[', 0x93, 0xFA, 0x82, 0xCC, 0x8A, 0xDB, b']']); // 🇯🇵: no docomo emoji → [日の丸]
        expected.extend_from_slice(&[0x81, 0xAC]); // 𠮷 is outside CP932 → 〓
        expected.extend_from_slice(&[0xF8, 0x9F]); // ☀ → docomo sun
        assert_eq!(bytes, expected, "got {bytes:02X?}");
        assert_eq!(content_type, "application/xhtml+xml; charset=Shift_JIS");
    }
}

db_test! {
    fn au_gets_cp932_with_vendor_rows_and_au_emoji(app: Empty) {
        let (bytes, content_type) = served_bytes(&app, AWKWARD, ua::AU);
        let expected = vec![
            0x81, 0x60, 0x81, 0x5C, 0x81, 0x7C, // 〜 — −
            0x87, 0x40, // ① stays: au handsets have NEC row 13
            0x87, 0x8A, // ㈱
            0xF6, 0xA5, // 🇯🇵 → au flag
            0x81, 0xAC, // 𠮷 → 〓
            0xF6, 0x60, // ☀ → au sun
        ];
        assert_eq!(bytes, expected, "got {bytes:02X?}");
        assert_eq!(content_type, "application/xhtml+xml; charset=Shift_JIS");
    }
}

db_test! {
    fn softbank_gets_web_code_escapes_and_text_fallbacks(app: Empty) {
        let (bytes, _) = served_bytes(&app, "☀🌁", ua::SOFTBANK);
        let mut expected = vec![0x1B, b'$', b'G', 0x6A, 0x0F]; // ☀ = E04A → ESC $ G j SI
        expected.extend_from_slice(&[b'[', 0x96, 0xB6, b']']); // 🌁 FOGGY: SoftBank has none → [霧]
        assert_eq!(bytes, expected, "got {bytes:02X?}");
    }
}

db_test! {
    fn pc_gets_utf8_with_standard_emoji(app: Empty) {
        let (bytes, content_type) = served_bytes(&app, AWKWARD, ua::PC);
        assert_eq!(String::from_utf8(bytes).expect("utf-8"), AWKWARD);
        assert_eq!(content_type, "text/html; charset=UTF-8");
    }
}

db_test! {
    fn no_numeric_character_reference_ever_reaches_a_phone(app: Empty) {
        let (bytes, _) = served_bytes(&app, "𠮷𩸽☃™€", ua::DOCOMO_FOMA_1);
        assert!(!bytes.windows(2).any(|w| w == b"&#"), "got {bytes:02X?}");
        assert!(encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(&bytes)
            .is_some());
    }
}

db_test! {
    fn keycaps_with_and_without_variation_selector_become_docomo_number_keys(app: Empty) {
        let (bytes, _) = served_bytes(&app, "1\u{20E3}1\u{FE0F}\u{20E3}\u{2600}\u{FE0F}", ua::DOCOMO_FOMA_1);
        assert_eq!(bytes, vec![0xF9, 0x87, 0xF9, 0x87, 0xF8, 0x9F], "got {bytes:02X?}");
    }
}
