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

/// Every SoftBank Shift_JIS emoji code of the table (F741…, F941…, FB41…) and the emoji it stands for.
fn softbank_sjis_codes(codec: &Codec) -> Vec<(u16, String)> {
    let table = codec.emoji();
    let mut codes: Vec<u16> = table
        .iter()
        .filter_map(|e| e.code(Carrier::Softbank))
        .flat_map(|code| code.sjis.iter().copied())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let codes: Vec<(u16, String)> = codes
        .into_iter()
        .filter_map(|code| table.from_sjis(Carrier::Softbank, code).map(|e| (code, e.text.clone())))
        .collect();
    // Pages P and Q (FB41–FBD7) lie on IBM extension kanji: they are what this is about.
    assert!(codes.iter().filter(|(code, _)| code >> 8 == 0xFB).count() > 100);
    assert!(codes.len() > 400, "{}", codes.len());
    codes
}

db_test! {
    fn every_softbank_shift_jis_emoji_code_is_read_from_a_form(app: Empty) {
        let codes = softbank_sjis_codes(&codec());
        let joined = codes.iter().map(|(code, _)| code.to_be_bytes().to_vec()).collect::<Vec<_>>().join(&b'\n');
        let json = app
            .post(
                "/device/echo.json",
                ua::SOFTBANK,
                "application/x-www-form-urlencoded",
                format!("text={}", percent_encode(&joined)).as_bytes(),
            )
            .json();
        let decoded: Vec<&str> = json["fields"][0][1].as_str().expect("text").split('\n').collect();
        assert_eq!(decoded.len(), codes.len());
        for ((code, emoji), back) in codes.iter().zip(decoded) {
            assert_eq!(back, emoji, "SoftBank {code:04X}");
        }
    }
}

db_test! {
    fn every_softbank_shift_jis_emoji_code_is_read_from_a_mail(app: Empty) {
        use crate::helpers::mail::{mail_in, member_with};
        use base64::Engine;
        use hiroba::db::models::thread::Thread;
        let from = "mama.sato@softbank.ne.jp";
        let to = member_with(&app, from);
        let codes = softbank_sjis_codes(&codec());
        // A post body holds 2000 characters: 100 emoji a mail, the first ten in the subject too.
        for (n, chunk) in codes.chunks(100).enumerate() {
            let sjis = |codes: &[(u16, String)]| codes.iter().flat_map(|(code, _)| code.to_be_bytes()).collect::<Vec<u8>>();
            let expect = |codes: &[(u16, String)]| codes.iter().map(|(_, e)| e.as_str()).collect::<String>();
            let subject = &chunk[..10.min(chunk.len())];
            let mut mail = format!(
                "From: <{from}>\r\nTo: {to}\r\nSubject: =?SHIFT_JIS?B?{}?=\r\nMessage-ID: <sb-emoji-{n}@softbank.ne.jp>\r\n\
                 MIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
                base64::engine::general_purpose::STANDARD.encode(sjis(subject))
            )
            .into_bytes();
            mail.extend(sjis(chunk));
            mail.extend_from_slice(b"\r\n");
            assert_eq!(mail_in(&app.database_url, &to, &mail, &[]), 0);
            app.run_jobs();
            let mut conn = app.pool.get().unwrap();
            let id = {
                use diesel::prelude::*;
                use hiroba::db::schema::inbound_mails::dsl::{id, inbound_mails};
                inbound_mails.select(diesel::dsl::max(id)).first::<Option<i64>>(&mut *conn).unwrap().unwrap()
            };
            let post = Thread::from_mail(&mut conn, id).unwrap().expect("a post");
            assert_eq!(post.title, expect(subject), "mail {n}: subject");
            assert_eq!(post.body, expect(chunk), "mail {n}: body");
        }
    }
}
