//! The exact bytes of one mail per carrier, as the outbox and a worker write them: docomo and
//! SoftBank in Shift_JIS with their own emoji, au in ISO-2022-JP with JIS emoji, a PC in UTF-8.
//! Snapshots in `snapshots/`; only the Date and the Message-ID are replaced. A mail changed on
//! purpose: `INSTA_UPDATE=always cargo test --test app mail_bytes`, then read the diff.

use crate::helpers::snapshot::{self, Charset};
use crate::helpers::TestApp;
use hiroba::db::models::outbox::{MailKind, OutboxMail};

const SUBJECT: &str = "子育てひろば 12月の予定☀";
/// Kanji, a wave dash, NEC row 13 (①), an emoji each carrier has (☀) and one only some have (🎵),
/// a URL.
const BODY: &str = "12月の子育てひろばは、毎週火・木曜日の10時〜12時です。\n会場：中央公民館 和室①\n\
                    持ち物：お子さんの飲み物、タオル🎵\n晴れたら公園でも遊びます☀\n\n\
                    https://hiroba.example.jp/notices/1\n";

/// The mail to `address` as the worker wrote it, with its Date and Message-ID replaced.
fn written_to(app: &TestApp, address: &str) -> Vec<u8> {
    let hiroba::config::Transport::Directory(dir) = &app.state.ctx.settings.mail.transport else {
        panic!("tests write mail to a directory");
    };
    let name = address.replace('@', "=");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with(&format!("-{name}.eml"))
        })
        .unwrap_or_else(|| panic!("no mail to {address}"));
    let bytes = std::fs::read(path).unwrap();
    let bytes = snapshot::redact(&bytes, "\r\nDate: ", b"\r", "date");
    snapshot::redact(&bytes, "\r\nMessage-ID: <", b">", "message-id")
}

db_test! {
    fn one_mail_per_carrier_is_byte_for_byte_what_the_phone_gets(app: Empty) {
        let recipients = [
            ("docomo", "hana.mama@docomo.ne.jp", Charset::ShiftJis),
            ("au", "sakura.baaba@ezweb.ne.jp", Charset::Utf8),
            ("softbank", "yui.mama@softbank.ne.jp", Charset::ShiftJis),
            ("pc", "papa@example.jp", Charset::Utf8),
        ];
        let mut conn = app.pool.get().unwrap();
        // A fixed bounce key, so that the Return-Path's tag is the same in every run (each
        // database otherwise makes its own random key).
        {
            use diesel::prelude::*;
            use hiroba::db::schema::server_secrets;
            diesel::insert_into(server_secrets::table)
                .values((
                    server_secrets::name.eq("verp"),
                    server_secrets::value.eq("mail-bytes-test-key-0123456789abcdef"),
                    server_secrets::created_at.eq(hiroba::db::now()),
                ))
                .execute(&mut conn)
                .unwrap();
        }
        for (_, address, _) in recipients {
            OutboxMail::queue(&mut conn, MailKind::TestMail, address, SUBJECT, BODY).unwrap();
        }
        drop(conn);
        assert_eq!(app.run_jobs().mails, 4);
        for (carrier, address, charset) in recipients {
            let bytes = written_to(&app, address);
            insta::with_settings!({ prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(format!("mail_{carrier}"), snapshot::mail(&bytes, charset));
            });
        }
    }
}
