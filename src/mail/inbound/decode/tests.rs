//! Every fixture mail decodes to what its `.json` says; no input makes the decoder panic.

use super::*;
use crate::keitai::emoji::EmojiTable;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/mail");
const PROFILES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles");

fn codec_and_profiles() -> (Codec, ProfileRegistry) {
    let emoji = EmojiTable::load(&Path::new(PROFILES).join("emoji.tsv")).unwrap();
    (
        Codec::new(Arc::new(emoji)),
        ProfileRegistry::load(Path::new(PROFILES)).unwrap(),
    )
}

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap_or_else(|e| panic!("fixtures expected in {FIXTURES}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 14, "only {} fixtures in {FIXTURES}", paths.len());
    paths
}

/// The distinct emoji of a text in order, as `U+XXXX` (code points joined by spaces).
fn emoji_in(text: &str, codec: &Codec) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = match codec.emoji().match_prefix(rest) {
            Some((emoji, len)) => {
                let code = emoji
                    .text
                    .chars()
                    .map(|c| format!("U+{:04X}", c as u32))
                    .collect::<Vec<_>>()
                    .join(" ");
                if !found.contains(&code) {
                    found.push(code);
                }
                len
            }
            None => c.len_utf8(),
        };
        rest = &rest[len..];
    }
    found
}

/// Differences between a decoded mail and its fixture's expectations, one line per field.
fn differences(name: &str, mail: &DecodedMail, want: &Value, codec: &Codec, profiles: &ProfileRegistry) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut check = |field: &str, got: Value, expected: &Value| {
        if !expected.is_null() && &got != expected {
            wrong.push(format!("{name}: {field}: expected {expected}, got {got}"));
        }
    };
    let carrier = mail.from.as_ref().map(|a| profiles.mail_profile(a.domain()).id.clone());
    check("carrier", carrier.into(), &want["carrier"]);
    match want["kind"].as_str() {
        Some("bounce") => check("automatic", mail.automatic.into(), &Value::Bool(true)),
        Some("malformed") => {
            check("photos", mail.photos.len().into(), &0.into());
            check("broken", mail.broken.len().into(), &1.into());
        }
        _ => {
            check("from", mail.from.as_ref().map(|a| a.to_string()).into(), &want["from"]);
            check("subject", mail.subject.clone().into(), &want["subject"]);
            check("body", mail.body.clone().into(), &want["body"]);
            check("emoji", emoji_in(&mail.body, codec).into(), &want["emoji"]);
            check("photos", mail.photos.len().into(), &want["photos"]);
            check("broken", mail.broken.len().into(), &0.into());
            check("automatic", mail.automatic.into(), &Value::Bool(false));
        }
    }
    wrong
}

#[test]
fn every_fixture_decodes_to_what_its_json_says() {
    let (codec, profiles) = codec_and_profiles();
    let mut wrong = Vec::new();
    for path in fixtures() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let want: Value = serde_json::from_slice(&std::fs::read(path.with_extension("json")).unwrap())
            .unwrap_or_else(|e| panic!("{name}.json: {e}"));
        match decode(&std::fs::read(&path).unwrap(), &codec, &profiles) {
            Ok(mail) => wrong.extend(differences(&name, &mail, &want, &codec, &profiles)),
            Err(e) => wrong.push(format!("{name}: refused as unusable: {e}")),
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn photos_keep_their_bytes_and_decomail_decorations_are_dropped() {
    let (codec, profiles) = codec_and_profiles();
    let raw = std::fs::read(Path::new(FIXTURES).join("docomo-decomail.eml")).unwrap();
    let mail = decode(&raw, &codec, &profiles).unwrap();
    assert_eq!(mail.photos.len(), 1);
    let photo = &mail.photos[0];
    assert_eq!(photo.filename.as_deref(), Some("P1000123.jpg"));
    assert_eq!(photo.content_type, "image/jpeg");
    assert!(photo.bytes.starts_with(&[0xFF, 0xD8]) && photo.bytes.ends_with(&[0xFF, 0xD9]));
    assert_eq!(mail.message_id.as_deref(), Some("IMTM0i3E149a62f10PSX@docomo.ne.jp"));
}

#[test]
fn a_truncated_photo_is_reported_by_name_and_the_text_is_kept() {
    let (codec, profiles) = codec_and_profiles();
    let raw = std::fs::read(Path::new(FIXTURES).join("malformed-truncated.eml")).unwrap();
    let mail = decode(&raw, &codec, &profiles).unwrap();
    assert_eq!(mail.broken, ["x.jpg"]);
    assert!(mail.photos.is_empty());
    assert_eq!(mail.subject, "写真");
    assert_eq!(mail.body, "写真です");
}

fn decode_str(raw: &str) -> DecodedMail {
    let (codec, profiles) = codec_and_profiles();
    decode(raw.as_bytes(), &codec, &profiles).unwrap()
}

const INLINE_JPEG_MAIL: &str = "From: FROM\r\nSubject: x\r\nContent-Type: multipart/related; boundary=r\r\n\r\n\
    --r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>見て</p><img src=\"cid:p1@x\">\r\n\
    --r\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <p1@x>\r\n\r\n/9j/4AAQ\r\n--r--\r\n";

#[test]
fn an_inline_jpeg_is_a_photo_from_a_smartphone_but_decoration_from_keitai() {
    let smartphone = decode_str(&INLINE_JPEG_MAIL.replace("FROM", "papa@i.softbank.jp"));
    assert_eq!(smartphone.photos.len(), 1);
    assert_eq!(smartphone.body, "見て");
    let keitai = decode_str(&INLINE_JPEG_MAIL.replace("FROM", "mama@docomo.ne.jp"));
    assert!(keitai.photos.is_empty() && keitai.broken.is_empty());
}

#[test]
fn raw_shift_jis_and_split_encoded_words_in_a_subject_are_read() {
    let (codec, profiles) = codec_and_profiles();
    let mut raw = b"From: mama@docomo.ne.jp\r\nSubject: \x90\xb0\xf8\x9f\r\n\r\nx".to_vec();
    assert_eq!(decode(&raw, &codec, &profiles).unwrap().subject, "晴☀");
    // ISO-2022-JP split across two words, the second without its own escape into kanji mode.
    raw = b"From: mama@ezweb.ne.jp\r\nSubject: =?ISO-2022-JP?B?GyRCMSs=?=\r\n =?ISO-2022-JP?B?dUUbKEI=?=\r\n\r\nx"
        .to_vec();
    assert_eq!(decode(&raw, &codec, &profiles).unwrap().subject, "雨☔");
}

#[test]
fn auto_replies_and_list_mail_are_automatic() {
    for header in [
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
        "List-Id: <kids.example.jp>",
        "Return-Path: <>",
    ] {
        let mail = decode_str(&format!("From: a@docomo.ne.jp\r\n{header}\r\n\r\nx"));
        assert!(mail.automatic, "{header}");
    }
    assert!(!decode_str("From: a@docomo.ne.jp\r\nAuto-Submitted: no\r\n\r\nx").automatic);
}

#[test]
fn an_image_sent_as_octet_stream_is_a_photo() {
    let mail = decode_str(
        "From: a@ezweb.ne.jp\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\ntext\r\n--b\r\n\
         Content-Type: application/octet-stream; name=\"a.JPG\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\
         /9j/4AAQ\r\n--b--\r\n",
    );
    assert_eq!(mail.photos.len(), 1);
    assert_eq!(mail.photos[0].content_type, "image/jpeg");
    assert_eq!(mail.body, "text");
}

#[test]
fn html_only_mail_gives_its_text() {
    let mail = decode_str(
        "From: a@docomo.ne.jp\r\nContent-Type: text/html; charset=Shift_JIS\r\n\r\n<html><body>a<br>b</body></html>\r\n",
    );
    assert_eq!(mail.body, "a\nb");
}

#[test]
fn what_is_not_a_mail_is_unusable() {
    let (codec, profiles) = codec_and_profiles();
    assert_eq!(decode(b"", &codec, &profiles), Err(Unusable::Empty));
    assert_eq!(decode(b" \r\n", &codec, &profiles), Err(Unusable::Empty));
    assert_eq!(decode(b"hello", &codec, &profiles), Err(Unusable::NotAMail));
    assert!(decode(b"Date: Thu, 18 Mar 2010 15:21:01 +0900\r\n\r\n", &codec, &profiles).is_ok());
}

#[test]
fn a_message_forwarded_inside_a_forwarded_message_does_not_panic() {
    // Trips a `debug_assert!` in mail-parser 0.11.9 (parsers/message.rs:485) in debug builds.
    let raw = "From: a@docomo.ne.jp\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n\
               Content-Type: message/rfc822\r\n\r\nFrom: b@example.jp\r\nContent-Type: message/rfc822\r\n\r\n\
               Subject: x\r\n\r\nhi\r\n--o--\r\n";
    let (codec, profiles) = codec_and_profiles();
    match decode(raw.as_bytes(), &codec, &profiles) {
        Ok(mail) => assert_eq!(mail.body, ""),
        Err(e) => assert_eq!(e, Unusable::ParserFailed),
    }
}

/// A small deterministic generator: the test must fail the same way every time.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// A bounce carrying the original message, which itself carries one: the parser's nested path.
const NESTED: &[u8] = b"From: MAILER-DAEMON@mx.example.jp\r\nContent-Type: multipart/report; boundary=o\r\n\r\n\
    --o\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--o\r\nContent-Type: message/rfc822\r\n\r\n\
    From: a@docomo.ne.jp\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\nContent-Type: text/plain\r\n\r\n\
    hi\r\n--i\r\nContent-Type: message/rfc822\r\n\r\nSubject: x\r\n\r\ny\r\n--i--\r\n--o--\r\n";

#[test]
fn no_truncation_or_corruption_of_any_fixture_makes_decode_panic() {
    let (codec, profiles) = codec_and_profiles();
    let mut random = Lcg(42);
    let samples = fixtures().into_iter().map(|p| std::fs::read(p).unwrap());
    for raw in samples.chain([NESTED.to_vec()]) {
        let step = (raw.len() / 60).max(1);
        let lengths = (0..raw.len()).step_by(step).chain(0..raw.len().min(40));
        for len in lengths {
            let _ = decode(&raw[..len], &codec, &profiles);
        }
        for _ in 0..300 {
            let mut damaged = raw.clone();
            for _ in 0..=random.next() % 8 {
                let at = random.next() as usize % damaged.len();
                // Structural bytes break MIME more often than random ones.
                damaged[at] = match random.next() % 4 {
                    0 => b'-',
                    1 => b'\r',
                    2 => b'=',
                    _ => random.next() as u8,
                };
            }
            let _ = decode(&damaged, &codec, &profiles);
        }
    }
    for len in [1, 7, 64, 1000, 5000] {
        let noise: Vec<u8> = (0..len).map(|_| random.next() as u8).collect();
        let _ = decode(&noise, &codec, &profiles);
        let mut headed = b"From: a@docomo.ne.jp\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n".to_vec();
        headed.extend_from_slice(&noise);
        let _ = decode(&headed, &codec, &profiles);
    }
}
