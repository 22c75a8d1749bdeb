//! One configurable service name: the sender's name and the 【】 of the account mails, the top page
//! and every tab title on PC and smartphone; nothing says 「Hiroba」 or an old name instead.

use crate::helpers::{spawn, ua, Browser, Seed};
use hiroba::db::models::outbox::OutboxMail;

const NAME: &str = "みなと子育てネット";

db_test! {
    fn the_configured_name_names_the_pages_and_the_mails(backend: Backend) {
        let app = spawn(backend, Seed::Empty, |settings| settings.service_name = NAME.into());
        let top = app.get("/", ua::PC).text();
        assert!(top.contains(&format!("<title>{NAME}</title>")), "{top}");
        let mut pc = Browser::new(&app, ua::IPHONE);
        let form = pc.get("/register");
        let text = form.text();
        assert!(text.contains(&format!("<title>新規登録 - {NAME}</title>")), "{text}");
        assert!(!text.contains("Hiroba") && !text.contains("かしわ子育てひろば"), "{text}");
        let keitai = app.get("/", ua::DOCOMO_FOMA_1).sjis_text();
        assert!(keitai.contains(&format!("<title>{NAME}</title>")), "{keitai}");

        let sent = pc.submit(&form, "/register", &[
            ("email", "minato.mama@icloud.com"),
            ("password", "minato-2026"),
            ("nickname", "みなとママ"),
            ("real_name", "港 花子"),
            ("area", "1"),
        ]);
        assert!(sent.text().contains("確認のメールを送りました"), "{}", sent.text());
        let mail = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), "minato.mama@icloud.com").unwrap();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].subject, format!("【{NAME}】メールアドレスの確認"));
        assert!(mail[0].body.starts_with(&format!("{NAME}へのご登録ありがとうございます。")), "{}", mail[0].body);
        assert_eq!(app.run_jobs().mails, 1);
        let hiroba::config::Transport::Directory(dir) = &app.state.ctx.settings.mail.transport else {
            panic!("tests write mail to a directory");
        };
        let file = std::fs::read_dir(dir).unwrap().next().unwrap().unwrap().path();
        let raw = std::fs::read(file).unwrap();
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        let from = parsed.from().and_then(|f| f.first()).unwrap();
        assert_eq!(from.name(), Some(NAME), "the sender's display name");
    }
}

#[test]
fn the_old_sender_name_setting_is_refused_with_its_replacement_named() {
    let refused = hiroba::config::Settings::load(None, |name| {
        (name == "HIROBA_MAIL_FROM_NAME").then(|| "あぃあぃ広場".to_string())
    })
    .unwrap_err()
    .to_string();
    assert!(refused.contains("HIROBA_SERVICE_NAME"), "{refused}");
    let defaults = hiroba::config::Settings::load(None, |_| None).unwrap();
    assert_eq!(defaults.service_name, "かしわ子育てひろば");
    let long = hiroba::config::Settings::load(None, |name| (name == "HIROBA_SERVICE_NAME").then(|| "あ".repeat(21)));
    assert!(long.is_err(), "a name too long for a keitai subject");
}
