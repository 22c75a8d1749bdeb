use chrono::TimeZone;

use super::*;

fn refusal(body: &str) -> BatchError {
    parse_batch(body.as_bytes()).unwrap_err()
}

/// `(code, index, field)` of a refusal.
fn place(body: &str) -> (&'static str, Option<usize>, Option<&'static str>) {
    let error = refusal(body);
    (error.code, error.index, error.field)
}

fn one(event: &str) -> String {
    format!("[{event}]")
}

const GOOD: &str = r#"{"seq":1,"tag":"04A1","read_at":"2025-04-08T07:55:00+09:00"}"#;

#[test]
fn the_documented_example_parses() {
    let body = br#"[{"seq":1041,"tag":"04A1B2C3D4E5F6","read_at":"2025-04-08T07:54:58+09:00","direction":"in"},{"seq":1042,"tag":"04A1B2C3D4E5F7","read_at":"2025-04-07T22:54:59Z","direction":null,"type":"emergency"}]"#;
    let events = parse_batch(body).unwrap();
    assert_eq!(
        events[0],
        Event {
            seq: 1041,
            tag: TagId::parse("04A1B2C3D4E5F6").unwrap(),
            read_at: Utc.with_ymd_and_hms(2025, 4, 7, 22, 54, 58).unwrap(),
            direction: Some(Direction::In),
            kind: EventKind::Pass,
        }
    );
    assert_eq!(events[1].seq, 1042);
    assert_eq!(events[1].read_at, Utc.with_ymd_and_hms(2025, 4, 7, 22, 54, 59).unwrap());
    assert_eq!(events[1].direction, None);
    assert_eq!(events[1].kind, EventKind::Emergency);
}

#[test]
fn absent_direction_is_none_and_absent_type_is_a_pass() {
    let event = &parse_batch(one(GOOD).as_bytes()).unwrap()[0];
    assert_eq!((event.direction, event.kind), (None, EventKind::Pass));
    let out = one(r#"{"seq":1,"tag":"a","read_at":"2025-04-08T15:00:00+09:00","direction":"out","type":"pass"}"#);
    let event = &parse_batch(out.as_bytes()).unwrap()[0];
    assert_eq!((event.direction, event.kind), (Some(Direction::Out), EventKind::Pass));
    assert_eq!(
        (Direction::Out.as_str(), EventKind::Emergency.as_str()),
        ("out", "emergency")
    );
}

#[test]
fn tags_are_normalised_to_upper_case() {
    let body = one(r#"{"seq":1,"tag":" 04a1b2 ","read_at":"2025-04-08T07:55:00Z"}"#);
    assert_eq!(parse_batch(body.as_bytes()).unwrap()[0].tag.as_str(), "04A1B2");
}

#[test]
fn read_at_needs_an_rfc3339_offset_and_both_utc_and_jst_mean_the_same_instant() {
    let jst = one(r#"{"seq":1,"tag":"a","read_at":"2025-04-08T07:55:00.250+09:00"}"#);
    let utc = one(r#"{"seq":1,"tag":"a","read_at":"2025-04-07T22:55:00.25Z"}"#);
    assert_eq!(
        parse_batch(jst.as_bytes()).unwrap(),
        parse_batch(utc.as_bytes()).unwrap()
    );
    for read_at in [
        r#""2025-04-08T07:55:00""#,
        r#""2025-04-08""#,
        r#""2025-04-08T07:55+09:00""#,
        r#""2025/04/08 07:55:00+09:00""#,
        r#""2025-04-31T07:55:00+09:00""#,
        "1744066500",
        "null",
    ] {
        let body = one(&format!(r#"{{"seq":1,"tag":"a","read_at":{read_at}}}"#));
        assert_eq!(place(&body), ("invalid_value", Some(0), Some("read_at")), "{read_at}");
    }
}

#[test]
fn seq_must_be_an_integer_that_fits_a_signed_64_bit_column() {
    let max = one(r#"{"seq":9223372036854775807,"tag":"a","read_at":"2025-04-08T07:55:00Z"}"#);
    assert_eq!(parse_batch(max.as_bytes()).unwrap()[0].seq, 9_223_372_036_854_775_807);
    let zero = one(r#"{"seq":0,"tag":"a","read_at":"2025-04-08T07:55:00Z"}"#);
    assert_eq!(parse_batch(zero.as_bytes()).unwrap()[0].seq, 0);
    for seq in [
        "9223372036854775808",
        "18446744073709551616",
        "-1",
        "1.5",
        "1e3",
        "\"7\"",
        "null",
    ] {
        let body = one(&format!(
            r#"{{"seq":{seq},"tag":"a","read_at":"2025-04-08T07:55:00Z"}}"#
        ));
        assert_eq!(place(&body), ("invalid_value", Some(0), Some("seq")), "{seq}");
    }
}

#[test]
fn bad_tags_are_refused_with_the_reason() {
    for tag in [
        r#""""#,
        r#""04 A1""#,
        &format!("\"{}\"", "A".repeat(65)),
        "4161",
        "null",
    ] {
        let body = one(&format!(r#"{{"seq":1,"tag":{tag},"read_at":"2025-04-08T07:55:00Z"}}"#));
        assert_eq!(place(&body), ("invalid_value", Some(0), Some("tag")), "{tag}");
    }
    let error = refusal(&one(r#"{"seq":1,"tag":"04.A1","read_at":"2025-04-08T07:55:00Z"}"#));
    assert_eq!(
        error.message,
        "event 0: tag may contain only ASCII letters, digits, '-', '_' and ':' (found '.')"
    );
}

#[test]
fn direction_and_type_take_only_their_lower_case_words() {
    for direction in [r#""IN""#, r#""enter""#, "1", "true"] {
        let body = one(&format!(
            r#"{{"seq":1,"tag":"a","read_at":"2025-04-08T07:55:00Z","direction":{direction}}}"#
        ));
        assert_eq!(
            place(&body),
            ("invalid_value", Some(0), Some("direction")),
            "{direction}"
        );
    }
    for kind in [r#""Emergency""#, r#""sos""#, "null"] {
        let body = one(&format!(
            r#"{{"seq":1,"tag":"a","read_at":"2025-04-08T07:55:00Z","type":{kind}}}"#
        ));
        assert_eq!(place(&body), ("invalid_value", Some(0), Some("type")), "{kind}");
    }
}

#[test]
fn missing_required_fields_are_named() {
    for (field, body) in [
        ("seq", r#"{"tag":"a","read_at":"2025-04-08T07:55:00Z"}"#),
        ("tag", r#"{"seq":1,"read_at":"2025-04-08T07:55:00Z"}"#),
        ("read_at", r#"{"seq":1,"tag":"a"}"#),
    ] {
        assert_eq!(place(&one(body)), ("missing_field", Some(0), Some(field)));
    }
    assert_eq!(
        refusal(&one(r#"{"seq":1,"tag":"a"}"#)).message,
        "event 0: read_at is missing"
    );
}

#[test]
fn unknown_fields_are_refused_so_typos_show() {
    let body = one(r#"{"seq":1,"tag":"a","read_at":"2025-04-08T07:55:00Z","diretion":"in"}"#);
    let error = refusal(&body);
    assert_eq!((error.code, error.index, error.field), ("unknown_field", Some(0), None));
    assert_eq!(
        error.message,
        "event 0: unknown field \"diretion\"; the fields are seq, tag, read_at, direction, type"
    );
}

#[test]
fn a_field_given_twice_is_refused() {
    let body = one(r#"{"seq":1,"tag":"a","read_at":"2025-04-08T07:55:00Z","seq":2}"#);
    assert_eq!(place(&body), ("duplicate_field", Some(0), Some("seq")));
}

#[test]
fn a_seq_repeated_within_the_batch_is_refused_at_its_second_use() {
    let body = format!(
        "[{GOOD},{},{}]",
        GOOD.replace("\"seq\":1", "\"seq\":2"),
        GOOD.replace("\"tag\":\"04A1\"", "\"tag\":\"04A2\"")
    );
    let error = refusal(&body);
    assert_eq!(
        (error.code, error.index, error.field),
        ("duplicate_seq", Some(2), Some("seq"))
    );
    assert_eq!(error.message, "event 2: seq 1 is already used by event 0 of this batch");
}

#[test]
fn the_first_bad_event_refuses_the_whole_batch_and_is_located() {
    let bad = GOOD.replace("+09:00", "");
    let body = format!("[{GOOD},{},{bad},{bad}]", GOOD.replace("\"seq\":1", "\"seq\":2"));
    assert_eq!(place(&body), ("invalid_value", Some(2), Some("read_at")));
}

#[test]
fn events_must_be_objects() {
    assert_eq!(place(&format!("[{GOOD},\"04A1\"]")), ("not_object", Some(1), None));
    assert_eq!(place(&format!("[[{GOOD}]]")), ("not_object", Some(0), None));
    assert_eq!(
        refusal("[null]").message,
        "event 0: an event must be a JSON object, got null"
    );
}

#[test]
fn the_body_must_be_a_non_empty_array_of_at_most_500() {
    assert_eq!(place(GOOD), ("not_array", None, None));
    assert_eq!(place("[]"), ("empty_batch", None, None));
    let events = |n: u64| {
        let items: Vec<String> = (1..=n)
            .map(|seq| format!(r#"{{"seq":{seq},"tag":"a","read_at":"2025-04-08T07:55:00Z"}}"#))
            .collect();
        format!("[{}]", items.join(","))
    };
    let full = events(500);
    assert!(full.len() <= MAX_BODY_BYTES);
    assert_eq!(parse_batch(full.as_bytes()).unwrap().len(), MAX_EVENTS);
    assert_eq!(place(&events(501)), ("too_many_events", None, None));
}

#[test]
fn the_body_must_be_utf8_and_json() {
    assert_eq!(
        parse_batch(b"[{\"seq\":1,\"tag\":\"\x82\xa0\"}]").unwrap_err().code,
        "not_utf8"
    );
    for body in ["", "[", "[{\"seq\":1,}]", &format!("[{GOOD}] x"), "\u{feff}[]"] {
        assert_eq!(place(body), ("bad_json", None, None), "{body:?}");
    }
    assert!(refusal("[{\"seq\":1,}]").message.contains("line 1 column"));
}

#[test]
fn a_refusal_serialises_as_the_documented_error_body() {
    let events: Vec<String> = (1..=3)
        .map(|seq| GOOD.replace("\"seq\":1", &format!("\"seq\":{seq}")))
        .collect();
    let body = format!(
        r#"[{},{{"seq":4,"tag":"a","read_at":"2025-04-08 07:55"}}]"#,
        events.join(",")
    );
    // Word for word the example of docs/reader-protocol.md.
    let documented = r#"{"error": "invalid_value", "message": "event 3: read_at must be an RFC 3339 date-time with an offset, such as \"2025-04-08T07:55:00+09:00\" or \"2025-04-07T22:55:00Z\"; got \"2025-04-08 07:55\"", "index": 3, "field": "read_at"}"#;
    let expected: serde_json::Value = serde_json::from_str(documented).unwrap();
    assert_eq!(serde_json::to_value(refusal(&body)).unwrap(), expected);
    let whole = serde_json::to_value(refusal("[]")).unwrap();
    assert_eq!(whole.as_object().unwrap().len(), 2);
}

#[test]
fn long_received_values_are_cut_in_messages() {
    let body = one(&format!(r#"{{"seq":1,"tag":"a","read_at":"{}"}}"#, "9".repeat(10_000)));
    assert!(refusal(&body).message.len() < 300);
}
