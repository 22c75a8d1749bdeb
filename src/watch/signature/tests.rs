use super::*;

/// The worked example of `docs/reader-protocol.md`.
const SECRET: &[u8] = b"e67e075c14b0ec79563b7a477e192ff0f6793f86133986403cde5b823347949a";
const TIMESTAMP: i64 = 1_744_066_500; // 2025-04-08 07:55:00 JST
const PATH: &str = "/api/v1/readers/12/events";
const BODY: &[u8] = br#"[{"seq":1041,"tag":"04A1B2C3D4E5F6","read_at":"2025-04-08T07:54:58+09:00","direction":"in"},{"seq":1042,"tag":"04A1B2C3D4E5F7","read_at":"2025-04-07T22:54:59Z","direction":null,"type":"emergency"}]"#;
/// Computed independently of this crate:
/// `python3 -c 'import hmac,hashlib; print(hmac.new(SECRET, b"1744066500\nPOST\n/api/v1/readers/12/events\n" + BODY, hashlib.sha256).hexdigest())'`
/// and checked with `openssl dgst -sha256 -hmac SECRET` (both as in the protocol document).
const EXPECTED: &str = "feff314f70f8d9df45519b2268c4a543db45aba31d2179e35414c5dcc56f7a78";

fn headers(signature: &str) -> SignedHeaders<'_> {
    SignedHeaders {
        timestamp: Some("1744066500"),
        signature: Some(signature),
    }
}

fn check(headers: &SignedHeaders, now: i64) -> Result<Verified, SignatureError> {
    verify(SECRET, headers, "POST", PATH, BODY, now)
}

#[test]
fn the_worked_example_signs_to_the_value_python_computed() {
    assert_eq!(sign(SECRET, TIMESTAMP, "POST", PATH, BODY), EXPECTED);
}

#[test]
fn a_second_known_answer_with_an_empty_body_and_a_lower_case_method() {
    // python3 -c 'import hmac,hashlib; print(hmac.new(b"key", b"0\nGET\n/\n", hashlib.sha256).hexdigest())'
    assert_eq!(
        sign(b"key", 0, "get", "/", b""),
        "187e0778c07c490f3f5d059a81c80a86443464df15d461090f8bd17fd89f051e"
    );
}

#[test]
fn a_signed_request_verifies_and_returns_the_decoded_mac() {
    let verified = check(&headers(EXPECTED), TIMESTAMP).unwrap();
    assert_eq!(verified.timestamp, TIMESTAMP);
    assert_eq!(hex(&verified.signature), EXPECTED);
}

#[test]
fn a_fresh_secret_round_trips() {
    let secret = new_secret();
    assert_eq!(secret.len(), 64);
    assert!(secret.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_ne!(secret, new_secret());
    let signature = sign(secret.as_bytes(), TIMESTAMP, "POST", PATH, BODY);
    assert!(verify(secret.as_bytes(), &headers(&signature), "POST", PATH, BODY, TIMESTAMP).is_ok());
    assert_eq!(
        verify(SECRET, &headers(&signature), "POST", PATH, BODY, TIMESTAMP),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn upper_case_hex_is_accepted_and_decodes_to_the_same_mac() {
    let upper = EXPECTED.to_ascii_uppercase();
    let verified = check(&headers(&upper), TIMESTAMP).unwrap();
    assert_eq!(hex(&verified.signature), EXPECTED);
}

#[test]
fn missing_headers_are_reported_timestamp_first() {
    let none = SignedHeaders::default();
    assert_eq!(check(&none, TIMESTAMP), Err(SignatureError::MissingTimestamp));
    let no_signature = SignedHeaders {
        timestamp: Some("1744066500"),
        signature: None,
    };
    assert_eq!(check(&no_signature, TIMESTAMP), Err(SignatureError::MissingSignature));
}

#[test]
fn timestamps_other_than_plain_decimal_seconds_are_bad() {
    for raw in [
        "",
        " 1744066500",
        "+1744066500",
        "-1",
        "01744066500",
        "1744066500.0",
        "1744066500000000000000",
        "2025-04-08T07:55:00Z",
    ] {
        let headers = SignedHeaders {
            timestamp: Some(raw),
            signature: Some(EXPECTED),
        };
        assert_eq!(check(&headers, TIMESTAMP), Err(SignatureError::BadTimestamp), "{raw:?}");
    }
}

#[test]
fn signatures_that_are_not_64_hex_digits_are_badly_formatted() {
    let short = &EXPECTED[..62];
    let long = format!("{EXPECTED}00");
    let not_hex = format!("{}zz", &EXPECTED[..62]);
    let base64 = "/v8xT3D42d9FUZsiaMSlQ9tFq6MdIXnjVBTF3MVvenh=";
    for raw in ["", short, &long, &not_hex, base64, &format!(" {}", &EXPECTED[1..])] {
        assert_eq!(
            check(&headers(raw), TIMESTAMP),
            Err(SignatureError::BadSignatureFormat),
            "{raw:?}"
        );
    }
}

#[test]
fn skew_up_to_300_seconds_either_way_is_accepted() {
    assert!(check(&headers(EXPECTED), TIMESTAMP + MAX_SKEW_SECS).is_ok());
    assert!(check(&headers(EXPECTED), TIMESTAMP - MAX_SKEW_SECS).is_ok());
}

#[test]
fn skew_beyond_300_seconds_is_refused_with_its_sign() {
    assert_eq!(
        check(&headers(EXPECTED), TIMESTAMP + 301),
        Err(SignatureError::Skew { by_secs: -301 })
    );
    assert_eq!(
        check(&headers(EXPECTED), TIMESTAMP - 301),
        Err(SignatureError::Skew { by_secs: 301 })
    );
    let far = SignedHeaders {
        timestamp: Some("9223372036854775807"),
        signature: Some(EXPECTED),
    };
    assert!(matches!(check(&far, i64::MIN), Err(SignatureError::Skew { .. })));
}

#[test]
fn any_change_to_the_signed_parts_is_a_mismatch() {
    let mut flipped = BODY.to_vec();
    flipped[10] ^= 0x01;
    let mismatch = Err(SignatureError::Mismatch);
    let h = headers(EXPECTED);
    assert_eq!(verify(SECRET, &h, "POST", PATH, &flipped, TIMESTAMP), mismatch);
    assert_eq!(verify(SECRET, &h, "PUT", PATH, BODY, TIMESTAMP), mismatch);
    assert_eq!(
        verify(SECRET, &h, "POST", "/api/v1/readers/13/events", BODY, TIMESTAMP),
        mismatch
    );
    assert_eq!(verify(b"another secret", &h, "POST", PATH, BODY, TIMESTAMP), mismatch);
    let later = SignedHeaders {
        timestamp: Some("1744066501"),
        signature: Some(EXPECTED),
    };
    assert_eq!(check(&later, TIMESTAMP), mismatch);
}

#[test]
fn every_error_has_a_stable_code_and_an_english_message() {
    let cases = [
        (
            SignatureError::MissingTimestamp,
            "missing_timestamp",
            "X-Hiroba-Timestamp",
        ),
        (
            SignatureError::MissingSignature,
            "missing_signature",
            "X-Hiroba-Signature",
        ),
        (SignatureError::BadTimestamp, "bad_timestamp", "decimal"),
        (
            SignatureError::BadSignatureFormat,
            "bad_signature_format",
            "64 hexadecimal",
        ),
        (SignatureError::Skew { by_secs: 400 }, "clock_skew", "400 s ahead of"),
        (SignatureError::Skew { by_secs: -400 }, "clock_skew", "400 s behind"),
        (SignatureError::Mismatch, "bad_signature", "does not match"),
    ];
    for (error, code, words) in cases {
        assert_eq!(error.code(), code);
        assert!(error.message().contains(words), "{}", error.message());
    }
}

#[test]
fn an_error_serialises_as_the_json_error_body() {
    let body = serde_json::to_value(SignatureError::Mismatch).unwrap();
    assert_eq!(body["error"], "bad_signature");
    assert_eq!(body["message"], SignatureError::Mismatch.message());
    assert_eq!(body.as_object().unwrap().len(), 2);
}
