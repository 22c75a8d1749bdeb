use super::*;
use crate::mail::outbound::compose::{compose, Outgoing};
use crate::mail::outbound::test_support::{codec, profile_for};
use chrono::{FixedOffset, TimeZone};
use openssl::pkey::Public;
use openssl::rsa::Rsa;
use openssl::sign::Verifier;
use std::sync::OnceLock;

const NOW: i64 = 1_751_328_000;

/// A 1024-bit test key (production keys are 2048), generated once per test run.
fn key_pair() -> &'static (Vec<u8>, PKey<Public>) {
    static KEY: OnceLock<(Vec<u8>, PKey<Public>)> = OnceLock::new();
    KEY.get_or_init(|| {
        let rsa = Rsa::generate(1024).unwrap();
        let private = PKey::from_rsa(rsa.clone()).unwrap().private_key_to_pem_pkcs8().unwrap();
        let public = PKey::public_key_from_pem(&rsa.public_key_to_pem().unwrap()).unwrap();
        (private, public)
    })
}

fn signer() -> DkimSigner {
    DkimSigner::from_pem("hiroba.example.jp", "hiroba2025", &key_pair().0).unwrap()
}

fn message(to: &str, subject: &str, body: &str) -> Vec<u8> {
    let jst = FixedOffset::east_opt(9 * 3600).unwrap();
    let mail = Outgoing {
        message_id: "20250701090000.42@hiroba.example.jp",
        date: jst.with_ymd_and_hms(2025, 7, 1, 9, 0, 0).unwrap(),
        from_name: "あぃあぃ広場",
        from_address: "info@hiroba.example.jp",
        to,
        subject,
        body,
        extra_headers: &[("Auto-Submitted", "auto-generated")],
    };
    compose(&mail, profile_for(to), codec())
}

/// The tags of a DKIM-Signature field, whitespace removed from the values.
fn tags(field: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8(field.to_vec()).unwrap();
    let value = text.split_once(':').unwrap().1;
    value
        .split(';')
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let (name, value) = t.split_once('=').unwrap();
            let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            (name.trim().to_string(), value)
        })
        .collect()
}

fn tag<'a>(tags: &'a [(String, String)], name: &str) -> &'a str {
    &tags.iter().find(|(n, _)| n == name).unwrap().1
}

/// An independent check: body hash, then the signature over the relaxed headers named in h=
/// and the DKIM-Signature field with its b= value removed.
fn verify(signed: &[u8], public: &PKey<Public>) -> bool {
    let (fields, body) = split_message(signed);
    let dkim = fields[0];
    assert!(dkim.starts_with(b"DKIM-Signature:"));
    let tags = tags(dkim);
    if tag(&tags, "bh") != STANDARD.encode(Sha256::digest(relaxed_body(body))) {
        return false;
    }
    let mut data = Vec::new();
    for name in tag(&tags, "h").split(':') {
        let field = fields[1..]
            .iter()
            .rev()
            .find(|f| field_name(f).eq_ignore_ascii_case(name.as_bytes()))
            .unwrap();
        data.extend(relaxed_header(field));
    }
    let text = String::from_utf8(dkim.to_vec()).unwrap();
    let b_at = text.rfind("b=").unwrap();
    assert!(text[..b_at].trim_end().ends_with(';'), "b= is the last tag");
    let without_b = relaxed_header(&text.as_bytes()[..b_at + 2]);
    data.extend_from_slice(without_b.strip_suffix(b"\r\n").unwrap());
    let signature = STANDARD.decode(tag(&tags, "b")).unwrap();
    let mut verifier = Verifier::new(MessageDigest::sha256(), public).unwrap();
    verifier.verify_oneshot(&signature, &data).unwrap()
}

#[test]
fn signed_iso_2022_jp_and_shift_jis_mails_verify_with_the_public_key() {
    for (to, body) in [
        ("mama@ezweb.ne.jp", "明日は☔のち⛄です。\n"),
        ("mama@docomo.ne.jp", "今日は☀晴れです。\n"),
        ("mama@example.com", "🏃 朝のジョギング\n"),
    ] {
        let unsigned = message(to, "お知らせ", body);
        let signed = signer().sign(&unsigned, NOW);
        assert!(
            signed.ends_with(&unsigned),
            "the message follows the signature unchanged"
        );
        assert!(verify(&signed, &key_pair().1), "{to}");
    }
}

#[test]
fn the_signature_names_its_domain_selector_time_and_present_headers() {
    let signed = signer().sign(&message("mama@docomo.ne.jp", "件名", "本文\n"), NOW);
    let (fields, _) = split_message(&signed);
    let tags = tags(fields[0]);
    let names: Vec<&str> = tags.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["v", "a", "c", "d", "s", "t", "h", "bh", "b"]);
    assert_eq!(tag(&tags, "a"), "rsa-sha256");
    assert_eq!(tag(&tags, "c"), "relaxed/relaxed");
    assert_eq!(tag(&tags, "d"), "hiroba.example.jp");
    assert_eq!(tag(&tags, "s"), "hiroba2025");
    assert_eq!(tag(&tags, "t"), NOW.to_string());
    assert_eq!(
        tag(&tags, "h"),
        "From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:Content-Transfer-Encoding"
    );
}

#[test]
fn only_headers_present_are_listed() {
    let raw = b"From: a@hiroba.example.jp\r\nTo: b@docomo.ne.jp\r\nDate: Tue, 01 Jul 2025 09:00:00 +0900\r\n\r\nhi\r\n";
    let signed = signer().sign(raw, NOW);
    let (fields, _) = split_message(&signed);
    assert_eq!(tag(&tags(fields[0]), "h"), "From:To:Date");
    assert!(verify(&signed, &key_pair().1));
}

#[test]
fn the_signature_header_folds_within_78_characters() {
    let signed = signer().sign(&message("mama@ezweb.ne.jp", "件名", "本文\n"), NOW);
    let (fields, _) = split_message(&signed);
    let dkim = String::from_utf8(fields[0].to_vec()).unwrap();
    assert!(dkim.split("\r\n").count() > 3, "{dkim}");
    for line in dkim.split("\r\n") {
        assert!(line.len() <= 78, "{line}");
    }
    assert!(dkim.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
}

#[test]
fn a_changed_body_fails_and_refolded_headers_still_verify() {
    let signed = signer().sign(&message("mama@docomo.ne.jp", "件名", "今日は☀晴れです。\n"), NOW);
    let mut tampered = signed.clone();
    let last = tampered.len() - 3;
    tampered[last] ^= 1;
    assert!(!verify(&tampered, &key_pair().1));

    // Relaxed canonicalization: whitespace changes in transit do not matter.
    let text = signed.clone();
    let at = text.windows(9).position(|w| w == b"\r\nSubject").unwrap() + 10;
    let mut refolded = text[..at].to_vec();
    refolded.extend_from_slice(b"\t ");
    refolded.extend_from_slice(&text[at..]);
    assert!(verify(&refolded, &key_pair().1));
}

#[test]
fn unusable_keys_are_refused_with_a_reason() {
    assert!(matches!(
        DkimSigner::from_pem("hiroba.example.jp", "s", b"not a key"),
        Err(DkimError::Key(_))
    ));
    let short = PKey::from_rsa(Rsa::generate(512).unwrap())
        .unwrap()
        .private_key_to_pem_pkcs8()
        .unwrap();
    assert!(matches!(
        DkimSigner::from_pem("hiroba.example.jp", "s", &short),
        Err(DkimError::TooShort(512))
    ));
    let group = openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap();
    let ec = PKey::from_ec_key(openssl::ec::EcKey::generate(&group).unwrap()).unwrap();
    let ec_pem = ec.private_key_to_pem_pkcs8().unwrap();
    assert!(matches!(
        DkimSigner::from_pem("hiroba.example.jp", "s", &ec_pem),
        Err(DkimError::NotRsa)
    ));
    for (domain, selector) in [("", "s"), ("hiroba.example.jp", "a;b"), ("bad domain", "s")] {
        assert!(matches!(
            DkimSigner::from_pem(domain, selector, &key_pair().0),
            Err(DkimError::BadName { .. })
        ));
    }
}

#[test]
fn debug_output_never_shows_the_key() {
    let shown = format!("{:?}", signer());
    assert!(shown.contains("hiroba2025") && !shown.contains("PRIVATE"));
}
