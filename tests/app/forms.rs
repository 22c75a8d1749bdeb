//! Forms posted in Shift_JIS with carrier emoji, urlencoded and multipart; malformed ones get a 400 page.

use crate::helpers::{forms, Browser};
use crate::helpers::{percent_encode, ua, Response};

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// `こんにちは` followed by the given raw emoji bytes.
fn greeting_with(emoji: &[u8]) -> Vec<u8> {
    let mut bytes = sjis("こんにちは");
    bytes.extend_from_slice(emoji);
    bytes
}

fn urlencoded(text: &[u8]) -> Vec<u8> {
    format!("_enc={}&text={}", percent_encode(&sjis("あ")), percent_encode(text)).into_bytes()
}

db_test! {
    fn urlencoded_shift_jis_posts_decode_with_each_carriers_emoji(app: Empty) {
        let cases: [(&str, &[u8]); 4] = [
            (ua::DOCOMO_FOMA_1, &[0xF8, 0x9F]),
            (ua::AU, &[0xF6, 0x60]),
            (ua::SOFTBANK, &[0xF9, 0x8B]),
            (ua::SOFTBANK, &[0x1B, b'$', b'G', b'j', 0x0F]),
        ];
        for (user_agent, emoji) in cases {
            let response = app.post(
                "/device/echo.json",
                user_agent,
                "application/x-www-form-urlencoded",
                &urlencoded(&greeting_with(emoji)),
            );
            assert_eq!(response.status, 200, "{user_agent}");
            let json = response.json();
            assert_eq!(json["fields"][1][1], "こんにちは☀", "{user_agent}");
            assert_eq!(json["emoji"][0], "BLACK SUN WITH RAYS");
        }
    }
}

db_test! {
    fn multipart_shift_jis_posts_decode_field_by_field(app: Empty) {
        let boundary = "----HirobaBoundary7MA4YWxk";
        let mut body = Vec::new();
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n").as_bytes());
        body.extend_from_slice(&greeting_with(&[0xF8, 0x9F]));
        body.extend_from_slice(
            format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"").as_bytes(),
        );
        body.extend_from_slice(&sjis("写真.jpg"));
        body.extend_from_slice(b"\"\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\xE0fake\r\n");
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let json = app
            .post("/device/echo.json", ua::DOCOMO_FOMA_2, &content_type, &body)
            .json();
        assert_eq!(json["fields"][0][1], "こんにちは☀");
        assert_eq!(json["files"][0]["filename"], "写真.jpg");
        assert_eq!(json["files"][0]["bytes"], 8);
    }
}

db_test! {
    fn the_echo_page_shows_the_emoji_back_in_the_carriers_code(app: Empty) {
        let mut phone = Browser::new(&app, ua::AU);
        let page = phone.get("/device");
        let mut body = urlencoded(&greeting_with(&[0xF6, 0x60]));
        body.extend(format!("&csrf={}", csrf_of(&page)).bytes());
        let response = phone.post("/device/echo", &body);
        assert_eq!(response.status, 200);
        let expected = greeting_with(&[0xF6, 0x60]);
        assert!(response.body.windows(expected.len()).any(|w| w == expected.as_slice()));
    }
}

db_test! {
    fn invalid_shift_jis_gets_a_japanese_400_page_in_shift_jis(app: Empty) {
        // 0x82 0xFF is no Shift_JIS character.
        let response = app.post(
            "/device/echo.json",
            ua::DOCOMO_FOMA_1,
            "application/x-www-form-urlencoded",
            b"text=%82%FF",
        );
        assert_eq!(response.status, 400);
        assert_eq!(
            response.header("content-type"),
            Some("application/xhtml+xml; charset=Shift_JIS")
        );
        assert!(response.sjis_text().contains("送信された文字を読み取れませんでした"));
    }
}

db_test! {
    fn broken_percent_escapes_and_wrong_charsets_are_refused(app: Empty) {
        let bad = app.post(
            "/device/echo.json",
            ua::AU,
            "application/x-www-form-urlencoded",
            b"text=%8",
        );
        assert_eq!(bad.status, 400);
        // A page sent back in UTF-8 from a Shift_JIS page: the hint field gives it away.
        let utf8 = format!(
            "_enc={}&text={}",
            percent_encode("あ".as_bytes()),
            percent_encode("テスト".as_bytes())
        );
        let response = app.post(
            "/device/echo.json",
            ua::DOCOMO_FOMA_1,
            "application/x-www-form-urlencoded",
            utf8.as_bytes(),
        );
        assert_eq!(response.status, 400);
    }
}

db_test! {
    fn a_multipart_body_without_its_boundary_is_refused(app: Empty) {
        let response = app.post(
            "/device/echo.json",
            ua::SOFTBANK,
            "multipart/form-data; boundary=xyz",
            b"garbage without parts",
        );
        assert_eq!(response.status, 400);
    }
}

/// The CSRF token of the first POST form on a page.
fn csrf_of(page: &Response) -> String {
    forms(page)
        .into_iter()
        .flat_map(|f| f.fields)
        .find(|(n, _)| n == "csrf")
        .map(|(_, v)| v)
        .expect("a CSRF field")
}

db_test! {
    fn an_echo_post_without_the_csrf_token_gets_a_403_page(app: Empty) {
        let mut phone = Browser::new(&app, ua::AU);
        phone.get("/device");
        let response = phone.post("/device/echo", &urlencoded(&greeting_with(&[0xF6, 0x60])));
        assert_eq!(response.status, 403);
        assert!(response.sjis_text().contains("送信を受け付けられませんでした"), "{}", response.sjis_text());
        // A token from another session does not count either.
        let mut other = Browser::new(&app, ua::AU);
        let token = csrf_of(&other.get("/device"));
        let mut body = urlencoded(&greeting_with(&[0xF6, 0x60]));
        body.extend(format!("&csrf={token}").bytes());
        assert_eq!(phone.post("/device/echo", &body).status, 403);
    }
}

db_test! {
    fn control_characters_are_stripped_from_every_field_but_newlines_and_tabs_stay(app: Empty) {
        // Typed: ESC, BEL, NUL, a tab and a CRLF; and a real SoftBank web-code emoji, which is kept.
        let typed = b"x%1Bz%07%00y%09t%0D%0Au%1B%24Gj%0F";
        let mut body = urlencoded(b"");
        body.extend_from_slice(b"&memo=");
        body.extend_from_slice(typed);
        body.extend_from_slice(b"&na%1Bme=1");
        let json = app
            .post("/device/echo.json", ua::SOFTBANK, "application/x-www-form-urlencoded", &body)
            .json();
        assert_eq!(json["fields"][2][1], "xzy\tt\r\nu☀", "{json}");
        assert_eq!(json["fields"][3][0], "name", "{json}");

        let boundary = "b0undary";
        let mut multipart = Vec::new();
        multipart.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\na\x1Bb\x08c\r\n").as_bytes(),
        );
        multipart.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p\x1B.jpg\"\r\n\r\nJPEG\r\n")
                .as_bytes(),
        );
        multipart.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let json = app
            .post(
                "/device/echo.json",
                ua::SOFTBANK,
                &format!("multipart/form-data; boundary={boundary}"),
                &multipart,
            )
            .json();
        assert_eq!(json["fields"][0][1], "abc", "{json}");
        assert_eq!(json["files"][0]["filename"], "p.jpg", "{json}");

        // What the page writes back to a SoftBank handset holds the text without the ESC.
        let mut phone = Browser::new(&app, ua::SOFTBANK);
        let page = phone.get("/device");
        let body = format!("_enc={}&text=qq%1Bss&csrf={}", percent_encode(&sjis("あ")), csrf_of(&page));
        let body = body.into_bytes();
        let response = phone.post("/device/echo", &body);
        assert_eq!(response.status, 200);
        assert!(response.body.windows(4).any(|w| w == b"qqss"), "{}", response.sjis_text());
        assert!(!response.body.windows(3).any(|w| w == b"qq\x1B"));
    }
}

/// A multipart body of one text field under `boundary`.
fn one_field_multipart(boundary: &str, padding: usize) -> Vec<u8> {
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n").into_bytes();
    body.extend(std::iter::repeat_n(b'-', padding));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

db_test! {
    fn multipart_boundaries_longer_than_rfc_2046_allows_are_refused(app: Empty) {
        let post = |boundary: &str, padding: usize| {
            app.post(
                "/device/echo.json",
                ua::DOCOMO_FOMA_2,
                &format!("multipart/form-data; boundary={boundary}"),
                &one_field_multipart(boundary, padding),
            )
        };
        let longest = "b".repeat(70);
        let response = post(&longest, 10);
        assert_eq!(response.status, 200);
        assert_eq!(response.json()["fields"][0][1], "-".repeat(10));
        assert_eq!(post(&"b".repeat(71), 10).status, 400);
        // The attack of issue 17 (as long a boundary as fits in actix's header buffer): a naive
        // search over a megabyte of dashes takes minutes of CPU; now it is refused at once.
        assert_eq!(post(&"-".repeat(16_000), 1_000_000).status, 400);
    }
}
