use super::*;
use crate::keitai::jis::iso2022jp_to_cp932;
use crate::mail::outbound::test_support::{codec, profile_for};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::TimeZone;

const EXTRA: &[(&str, &str)] = &[("Auto-Submitted", "auto-generated")];

fn mail<'a>(to: &'a str, subject: &'a str, body: &'a str) -> Outgoing<'a> {
    let jst = FixedOffset::east_opt(9 * 3600).unwrap();
    Outgoing {
        message_id: "20250701090000.42@hiroba.example.jp",
        date: jst.with_ymd_and_hms(2025, 7, 1, 9, 0, 0).unwrap(),
        from_name: "あぃあぃ広場",
        from_address: "info@hiroba.example.jp",
        to,
        subject,
        body,
        extra_headers: EXTRA,
    }
}

fn render(m: &Outgoing) -> Vec<u8> {
    compose(m, profile_for(m.to), codec())
}

/// Headers as text, body as bytes.
fn split(message: &[u8]) -> (String, &[u8]) {
    let end = message.windows(4).position(|w| w == b"\r\n\r\n").expect("blank line");
    (
        String::from_utf8(message[..end + 2].to_vec()).expect("ASCII headers"),
        &message[end + 4..],
    )
}

/// The unfolded value of the first header `name`.
fn header(message: &[u8], name: &str) -> String {
    let (head, _) = split(message);
    let unfolded = head.replace("\r\n ", " ");
    let prefix = format!("{name}:");
    unfolded
        .split("\r\n")
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {name} in {head}"))
        .trim()
        .to_string()
}

fn target(emoji: EmojiSet) -> Target {
    Target {
        charset: Charset::ShiftJis,
        emoji,
        avoid_vendor_rows: false,
    }
}

/// Decodes one encoded-word on its own, reading carrier emoji as `emoji`'s.
fn decode_word(word: &str, emoji: EmojiSet) -> String {
    let inner = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")).expect(word);
    let (charset, data) = inner.split_once("?B?").expect(word);
    let bytes = STANDARD.decode(data).expect(word);
    match charset {
        "ISO-2022-JP" => {
            assert!(bytes.is_ascii(), "{word}");
            assert!(ends_in_ascii_mode(&bytes), "{word} ends in kanji mode");
            codec().decode(&iso2022jp_to_cp932(&bytes), target(emoji)).expect(word)
        }
        "Shift_JIS" => codec().decode(&bytes, target(emoji)).expect(word),
        "UTF-8" => String::from_utf8(bytes).expect(word),
        other => panic!("unexpected charset {other}"),
    }
}

/// Whether the last escape sequence, if any, switches back to ASCII.
fn ends_in_ascii_mode(jis: &[u8]) -> bool {
    match jis.iter().rposition(|&b| b == 0x1B) {
        Some(last) => jis[last..].starts_with(b"\x1b(B"),
        None => true,
    }
}

/// A header value made of encoded-words (and, for From, a trailing address), decoded.
fn decode_words(value: &str, emoji: EmojiSet) -> String {
    value
        .split(' ')
        .filter(|w| w.starts_with("=?"))
        .map(|w| decode_word(w, emoji))
        .collect()
}

fn assert_wire_rules(message: &[u8]) {
    for (i, &b) in message.iter().enumerate() {
        match b {
            b'\n' => assert!(i > 0 && message[i - 1] == b'\r', "bare LF at {i}"),
            b'\r' => assert_eq!(message.get(i + 1), Some(&b'\n'), "bare CR at {i}"),
            _ => {}
        }
    }
    assert!(message.ends_with(b"\r\n"));
    for line in message.split(|&b| b == b'\n') {
        assert!(line.len() <= 999, "line of {} bytes", line.len() - 1);
    }
    let (head, _) = split(message);
    for line in head.split("\r\n").filter(|l| l.contains("=?")) {
        assert!(
            line.len() <= 76,
            "encoded-word line of {} characters: {line}",
            line.len()
        );
    }
}

#[test]
fn au_mail_is_iso_2022_jp_with_au_jis_emoji() {
    let m = mail(
        "mama@ezweb.ne.jp",
        "明日の天気☔",
        "明日は☔のち⛄です。\nあたたかくしてね。\n",
    );
    let out = render(&m);
    let expected: &[u8] = b"Date: Tue, 01 Jul 2025 09:00:00 +0900\r\n\
        From: =?ISO-2022-JP?B?GyRCJCIkIyQiJCM5LT5sGyhC?= <info@hiroba.example.jp>\r\n\
        To: mama@ezweb.ne.jp\r\n\
        Subject: =?ISO-2022-JP?B?GyRCTEBGfCRORTc1JHVFGyhC?=\r\n\
        Message-ID: <20250701090000.42@hiroba.example.jp>\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: text/plain; charset=ISO-2022-JP\r\n\
        Content-Transfer-Encoding: 7bit\r\n\
        Auto-Submitted: auto-generated\r\n\
        \r\n\
        \x1b$BL@F|$OuE$N$Au>$G$9!#\x1b(B\r\n\
        \x1b$B$\"$?$?$+$/$7$F$M!#\x1b(B\r\n";
    assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(expected));
    assert_eq!(out, expected);

    // ☔ is au JIS 0x7545 (`uE`) and ⛄ 0x753E (`u>`): read back, they are the same emoji.
    let (_, body) = split(&out);
    let text = codec().decode(&iso2022jp_to_cp932(body), target(EmojiSet::Au)).unwrap();
    assert_eq!(text.replace("\r\n", "\n"), m.body);
    assert_eq!(decode_words(&header(&out, "Subject"), EmojiSet::Au), m.subject);
    assert_eq!(decode_words(&header(&out, "From"), EmojiSet::Au), m.from_name);
}

#[test]
fn docomo_mail_with_its_emoji_is_shift_jis_8bit() {
    let m = mail(
        "a..b.@docomo.ne.jp",
        "お天気☀",
        "今日は☀晴れです。\nお散歩日和ですね。\n",
    );
    let out = render(&m);
    let mut expected: Vec<u8> = b"Date: Tue, 01 Jul 2025 09:00:00 +0900\r\n\
        From: =?ISO-2022-JP?B?GyRCJCIkIyQiJCM5LT5sGyhC?= <info@hiroba.example.jp>\r\n\
        To: \"a..b.\"@docomo.ne.jp\r\n\
        Subject: =?Shift_JIS?B?gqiTVotD+J8=?=\r\n\
        Message-ID: <20250701090000.42@hiroba.example.jp>\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: text/plain; charset=Shift_JIS\r\n\
        Content-Transfer-Encoding: 8bit\r\n\
        Auto-Submitted: auto-generated\r\n\
        \r\n"
        .to_vec();
    // 今日は ☀(F89F) 晴れです。 / お散歩日和ですね。
    expected.extend_from_slice(b"\x8d\xa1\x93\xfa\x82\xcd\xf8\x9f\x90\xb0\x82\xea\x82\xc5\x82\xb7\x81B\r\n");
    expected.extend_from_slice(b"\x82\xa8\x8eU\x95\xe0\x93\xfa\x98a\x82\xc5\x82\xb7\x82\xcb\x81B\r\n");
    assert_eq!(out, expected);

    let (_, body) = split(&out);
    let text = codec().decode(body, target(EmojiSet::Docomo)).unwrap();
    assert_eq!(text.replace("\r\n", "\n"), m.body);
    assert_eq!(decode_words(&header(&out, "Subject"), EmojiSet::Docomo), m.subject);
}

#[test]
fn docomo_mail_without_emoji_is_iso_2022_jp() {
    let m = mail("mama@docomo.ne.jp", "お知らせ", "明日は晴れです。\n");
    let out = render(&m);
    assert_eq!(header(&out, "Content-Type"), "text/plain; charset=ISO-2022-JP");
    assert_eq!(header(&out, "Content-Transfer-Encoding"), "7bit");
    let (_, body) = split(&out);
    let text = codec()
        .decode(&iso2022jp_to_cp932(body), target(EmojiSet::Docomo))
        .unwrap();
    assert_eq!(text, "明日は晴れです。\r\n");
}

#[test]
fn shift_jis_mail_keeps_an_iso_2022_jp_subject_without_emoji() {
    let out = render(&mail("mama@docomo.ne.jp", "お知らせ", "晴れ☀\n"));
    assert!(header(&out, "Subject").starts_with("=?ISO-2022-JP?B?"));
    assert_eq!(header(&out, "Content-Type"), "text/plain; charset=Shift_JIS");
}

#[test]
fn softbank_mail_carries_its_shift_jis_emoji_codes() {
    let m = mail("mama@softbank.ne.jp", "お散歩🐶", "🐶とお散歩\n");
    let out = render(&m);
    assert_eq!(header(&out, "Content-Type"), "text/plain; charset=Shift_JIS");
    let (_, body) = split(&out);
    // DOG FACE is SoftBank E052, Shift_JIS F993 in mail; no web escape (ESC $ G …) is left.
    assert!(body.starts_with(&[0xF9, 0x93]), "{body:X?}");
    assert!(!body.contains(&0x1B));
    assert_eq!(
        codec().decode(body, target(EmojiSet::Softbank)).unwrap(),
        "🐶とお散歩\r\n"
    );
    let subject = header(&out, "Subject");
    assert!(subject.starts_with("=?Shift_JIS?B?"), "{subject}");
    assert_eq!(decode_words(&subject, EmojiSet::Softbank), m.subject);
}

#[test]
fn willcom_mail_gets_text_fallbacks_for_emoji() {
    let m = mail("mama@pdx.ne.jp", "雨☔", "明日は☔です\n");
    assert_eq!(charset_for(profile_for(m.to), m.body, codec()), MailCharset::Iso2022Jp);
    let out = render(&m);
    let (_, body) = split(&out);
    let text = codec()
        .decode(&iso2022jp_to_cp932(body), target(EmojiSet::Docomo))
        .unwrap();
    assert_eq!(text, "明日は[雨]です\r\n");
    assert_eq!(decode_words(&header(&out, "Subject"), EmojiSet::Docomo), "雨[雨]");
    assert!(!text.contains('〓'));
}

#[test]
fn smartphones_and_pcs_get_utf8_with_standard_emoji() {
    for to in ["mama@example.com", "mama@i.softbank.jp"] {
        let m = mail(to, "走ろう🏃", "🏃 朝のジョギング\n明日も🏃\n");
        let out = render(&m);
        assert_eq!(header(&out, "Content-Type"), "text/plain; charset=UTF-8");
        assert_eq!(header(&out, "Content-Transfer-Encoding"), "base64");
        let (_, body) = split(&out);
        let joined: Vec<u8> = body.iter().copied().filter(|b| !b"\r\n".contains(b)).collect();
        let text = String::from_utf8(STANDARD.decode(joined).unwrap()).unwrap();
        assert_eq!(text, "🏃 朝のジョギング\r\n明日も🏃\r\n");
        assert_eq!(decode_words(&header(&out, "Subject"), EmojiSet::Unicode), m.subject);
        assert!(header(&out, "From").starts_with("=?UTF-8?B?"));
        assert_wire_rules(&out);
    }
}

#[test]
fn a_long_utf8_line_decodes_whole_from_base64() {
    let long: String = "あいうえおabc🏃".chars().cycle().take(3000).collect();
    let out = render(&mail("mama@gmail.com", "長い行", &format!("{long}\n")));
    assert_wire_rules(&out);
    let (_, body) = split(&out);
    let joined: Vec<u8> = body.iter().copied().filter(|b| !b"\r\n".contains(b)).collect();
    let text = String::from_utf8(STANDARD.decode(joined).unwrap()).unwrap();
    assert_eq!(text, format!("{long}\r\n"));
}

#[test]
fn a_3000_character_line_is_cut_into_lines_that_keep_their_escapes_balanced() {
    let long: String = "あいうえおabc☔".chars().cycle().take(3000).collect();
    for to in ["mama@ezweb.ne.jp", "mama@docomo.ne.jp", "mama@pdx.ne.jp"] {
        let out = render(&mail(to, "長い行", &long));
        assert_wire_rules(&out);
        let (_, body) = split(&out);
        let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1, "{to}: not cut");
        for line in &lines {
            let line = line.strip_suffix(b"\r").unwrap();
            assert!(line.len() <= 998);
            assert!(ends_in_ascii_mode(line), "{to}: line does not end in ASCII mode");
        }
        // Cutting only inserted line breaks: the text is all there.
        let emoji = if to.contains("docomo") {
            EmojiSet::Docomo
        } else {
            EmojiSet::Au
        };
        let cp932: Vec<u8> = lines
            .iter()
            .flat_map(|l| l.strip_suffix(b"\r").unwrap().to_vec())
            .collect();
        let cp932 = if header(&out, "Content-Type").ends_with("ISO-2022-JP") {
            iso2022jp_to_cp932(&cp932)
        } else {
            cp932
        };
        let text = codec().decode(&cp932, target(emoji)).unwrap();
        let expected = if to.contains("pdx") {
            long.replace('☔', "[雨]")
        } else {
            long.clone()
        };
        assert_eq!(text, expected, "{to}");
    }
}

#[test]
fn a_long_japanese_subject_folds_into_words_that_decode_alone() {
    let subject = "【あぃあぃ広場】来週の送迎・あずかり支援の予定が変わりました。ご確認ください☔ABC ｶﾅ";
    for (to, emoji) in [
        ("mama@ezweb.ne.jp", EmojiSet::Au),
        ("mama@docomo.ne.jp", EmojiSet::Docomo),
        ("mama@example.com", EmojiSet::Unicode),
    ] {
        let out = render(&mail(to, subject, "本文\n"));
        assert_wire_rules(&out);
        let value = header(&out, "Subject");
        let words: Vec<&str> = value.split(' ').collect();
        assert!(words.len() >= 3, "{to}: {value}");
        let mut decoded = String::new();
        for word in &words {
            assert!(word.len() <= 75, "{to}: {word}");
            decoded.push_str(&decode_word(word, emoji));
        }
        // Only ISO-2022-JP widens half-width kana (docomo's subject is Shift_JIS for its ☔).
        let expected = match emoji {
            EmojiSet::Au => subject.replace("ｶﾅ", "カナ"),
            _ => subject.to_string(),
        };
        assert_eq!(decoded, expected, "{to}");
    }
}

#[test]
fn no_output_has_a_bare_line_feed_or_carriage_return() {
    let bodies = ["a\nb\n", "a\r\nb\rc", "", "\n\n", "末尾に改行なし", "tab\there\n"];
    let subjects = ["", "plain", "改行\r\n入り件名", "☀\n🐶"];
    for to in [
        "mama@ezweb.ne.jp",
        "mama@docomo.ne.jp",
        "mama@softbank.ne.jp",
        "mama@pdx.ne.jp",
        "mama@example.com",
        "mama@icloud.com",
    ] {
        for body in bodies {
            for subject in subjects {
                let out = render(&mail(to, subject, body));
                assert_wire_rules(&out);
            }
        }
    }
}

#[test]
fn line_breaks_in_header_text_cannot_start_a_new_header() {
    let out = render(&mail("mama@example.com", "hello\r\nBcc: x@evil.example", "本文\n"));
    let (head, _) = split(&out);
    assert!(!head.contains("\r\nBcc:"), "{head}");
    assert_eq!(header(&out, "Subject"), "hello  Bcc: x@evil.example");
}

#[test]
fn extra_headers_follow_and_cannot_replace_ours() {
    let extra: &[(&str, &str)] = &[
        ("List-Unsubscribe", "<https://hiroba.example.jp/unsubscribe/0123456789abcdef0123456789abcdef>, <mailto:unsubscribe@hiroba.example.jp>"),
        ("From", "evil@example.com"),
        ("Bad Name", "x"),
    ];
    let mut m = mail("mama@example.com", "plain", "body\n");
    m.extra_headers = extra;
    let out = render(&m);
    let (head, _) = split(&out);
    assert_eq!(
        head.matches("\r\nFrom:").count() + usize::from(head.starts_with("From:")),
        1
    );
    assert!(!head.contains("Bad Name"));
    assert!(head.ends_with(
        "List-Unsubscribe:\r\n <https://hiroba.example.jp/unsubscribe/0123456789abcdef0123456789abcdef>,\r\n <mailto:unsubscribe@hiroba.example.jp>\r\n"
    ));
    assert_wire_rules(&out);
}

#[test]
fn header_text_that_vanishes_in_encoding_leaves_an_empty_field() {
    let mut m = mail("mama@ezweb.ne.jp", "\u{FE0F}", "本文\n");
    m.from_name = "\u{200D}";
    let out = render(&m);
    assert_eq!(header(&out, "Subject"), "");
    assert_eq!(header(&out, "From"), "<info@hiroba.example.jp>");
    assert_wire_rules(&out);
}

#[test]
fn an_ascii_subject_is_written_as_it_is() {
    let out = render(&mail("mama@ezweb.ne.jp", "Hiroba news", "本文\n"));
    assert_eq!(header(&out, "Subject"), "Hiroba news");
}

#[test]
fn vendor_characters_follow_each_carriers_rule() {
    let out = render(&mail("mama@docomo.ne.jp", "件名", "①㈱ⅰ\n"));
    let (_, body) = split(&out);
    assert_eq!(body, b"(1)(\x1b$B3t\x1b(B)i\r\n");
    let out = render(&mail("mama@ezweb.ne.jp", "件名", "①ⅰ\n"));
    let (_, body) = split(&out);
    // ① is NEC row 13 (JIS 0x2D21), as CP50220 and au handsets write it.
    assert_eq!(body, b"\x1b$B-!\x1b(Bi\r\n");
}
