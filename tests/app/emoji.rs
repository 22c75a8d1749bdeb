//! Every emoji of the table through every carrier's output and back through that carrier's input,
//! over HTTP.

use crate::helpers::Browser;
use crate::helpers::{percent_encode, ua, TestApp};
use hiroba::keitai::emoji::{Carrier, EmojiTable};
use hiroba::keitai::profile::{Charset, EmojiSet};
use hiroba::keitai::{Codec, Target};
use std::path::Path;
use std::sync::Arc;

fn codec() -> Codec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles/emoji.tsv");
    Codec::new(Arc::new(EmojiTable::load(&path).expect("emoji table")))
}

fn round_trip(app: &TestApp, user_agent: &str, set: EmojiSet, carrier: Carrier) {
    let codec = codec();
    let target = Target {
        charset: Charset::ShiftJis,
        emoji: set,
        avoid_vendor_rows: set == EmojiSet::Docomo,
    };
    let table = codec.emoji();
    let encoded: Vec<Vec<u8>> = table.iter().map(|e| codec.encode(&e.text, target)).collect();
    let mut exact = 0;
    for (e, bytes) in table.iter().zip(&encoded) {
        if let Some(code) = e.code(carrier).filter(|c| c.exact) {
            let per_code = if carrier == Carrier::Softbank { 5 } else { 2 };
            assert_eq!(
                bytes.len(),
                per_code * code.pua.len(),
                "{} must be written as a {carrier:?} code",
                e.name
            );
            exact += 1;
        }
    }
    assert!(exact > 250, "{carrier:?}: only {exact} exact emoji");

    let joined = encoded.join(&b'\n');
    let body = format!("text={}", percent_encode(&joined));
    let json = app
        .post(
            "/device/echo.json",
            user_agent,
            "application/x-www-form-urlencoded",
            body.as_bytes(),
        )
        .json();
    let decoded: Vec<&str> = json["fields"][0][1].as_str().expect("text").split('\n').collect();
    assert_eq!(decoded.len(), encoded.len());
    for ((e, bytes), back) in table.iter().zip(&encoded).zip(&decoded) {
        match e.code(carrier) {
            Some(code) if code.exact => assert_eq!(*back, e.text, "{} via {carrier:?}", e.name),
            _ => {
                assert!(
                    !back.contains('〓') || e.fallback.contains('〓'),
                    "{} via {carrier:?} lost: {back}",
                    e.name
                );
                assert_eq!(
                    &codec.encode(back, target),
                    bytes,
                    "{} via {carrier:?} is not stable",
                    e.name
                );
            }
        }
    }

    // And the server writes them back to the phone as the very same bytes (fallbacks such as
    // `<3` are left out: the page escapes them, as it should).
    let plain: Vec<&Vec<u8>> = encoded
        .iter()
        .filter(|b| !b.iter().any(|c| b"<>&\"".contains(c)))
        .collect();
    assert!(plain.len() > 800);
    let joined = plain.into_iter().cloned().collect::<Vec<_>>().join(&b'\n');
    let mut phone = Browser::new(app, user_agent);
    let form = phone.get("/device");
    let page = phone.submit_raw(&form, "/device/echo", &format!("text={}", percent_encode(&joined)));
    assert_eq!(page.status, 200);
    assert!(
        page.body.windows(joined.len()).any(|w| w == joined.as_slice()),
        "{carrier:?} echo page differs"
    );
}

db_test! {
    fn every_emoji_round_trips_through_docomo(app: Empty) {
        round_trip(&app, ua::DOCOMO_FOMA_2, EmojiSet::Docomo, Carrier::Docomo);
    }
}

db_test! {
    fn every_emoji_round_trips_through_au(app: Empty) {
        round_trip(&app, ua::AU, EmojiSet::Au, Carrier::Au);
    }
}

db_test! {
    fn every_emoji_round_trips_through_softbank(app: Empty) {
        round_trip(&app, ua::SOFTBANK, EmojiSet::Softbank, Carrier::Softbank);
    }
}

#[test]
fn utf8_profiles_get_standard_emoji_and_fallbacks_for_google_only_ones() {
    let codec = codec();
    let target = Target {
        charset: Charset::Utf8,
        emoji: EmojiSet::Unicode,
        avoid_vendor_rows: false,
    };
    assert_eq!(codec.encode("晴れ☀", target), "晴れ☀".as_bytes());
    // CRAB exists only as Google PUA U+FE1E3: the text fallback is shown.
    assert_eq!(
        String::from_utf8(codec.encode("\u{FE1E3}", target)).expect("utf-8"),
        "[カニ]"
    );
}
