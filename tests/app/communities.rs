//! コミュニティ over HTTP: a proposal from a docomo phone approved by a coordinator on a PC, joining
//! and leaving, topics with carrier emoji, comments, hiding topics and comments, an author deleting
//! her topic, rejection with a reason, topics by mail with a photo, refusals, permissions and the
//! page budget of every keitai.

use crate::helpers::builders::{Carrier, CommunityBuilder, MemberBuilder, TestMember};
use crate::helpers::mail::{fixture, mail_in, member_with, DOMAIN};
use crate::helpers::{budget, Signed};
use crate::helpers::{forms, links, Browser};
use crate::helpers::{percent_encode, ua, Response, TestApp};
use diesel::prelude::*;
use hiroba::db::models::community::{Community, Proposal};
use hiroba::db::models::community_member::CommunityMember;
use hiroba::db::models::community_posting_token::CommunityPostingToken;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::moderation::ModerationLog;
use hiroba::db::models::outbox::OutboxMail;
use hiroba::db::models::photo::PhotoInfo;
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::db::models::thread_comment::ThreadComment;
use hiroba::db::schema::{thread_comments, threads};
use hiroba::db::DbConnection;
use hiroba::demo::DEMO_PASSWORD;
use hiroba::domain::community::{CommunityDescription, CommunityName, Decision, MemberRole};
use hiroba::domain::post::{CommentBody, PostTitle};
use hiroba::domain::role::Role;
use hiroba::domain::thread::{Channel, Place, PlaceKind};

const HANA: &str = "hana.mama@docomo.ne.jp";
const SAKURA: &str = "sakura.baaba@ezweb.ne.jp";
const SENSEI: &str = "sensei@kashiwa-es.example.jp";
const COORDINATOR: &str = "coordinator@hiroba.example.jp";
/// はなママ owns it in the demo; さくらばあば has joined it.
const HANA_COMMUNITY: &str = "柏中央 0〜2歳ママの会";
/// たなか先生 owns it; nobody else has joined.
const SENSEI_COMMUNITY: &str = "放課後の見守りボランティア";

fn signed_in<'a>(app: &'a TestApp, user_agent: &str, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app, user_agent);
    let done = crate::helpers::log_in(&mut browser, email, DEMO_PASSWORD);
    assert_eq!(done.status, 302, "{email} logs in");
    browser
}

fn signed_in_as<'a>(app: &'a TestApp, user_agent: &str, member: &TestMember) -> Browser<'a> {
    member.sign_in(app, user_agent).browser
}

/// The demo's cast, built: はなママ (docomo), さくらばあば (au), たなか先生 (PC) and a coordinator.
struct Cast {
    hana: TestMember,
    sakura: TestMember,
    sensei: TestMember,
    coordinator: TestMember,
}

impl Cast {
    fn new(app: &TestApp) -> Cast {
        Cast {
            hana: MemberBuilder::new("はなママ").area("柏中央").insert(app),
            sakura: MemberBuilder::new("さくらばあば")
                .carrier(Carrier::Au)
                .area("富勢")
                .insert(app),
            sensei: MemberBuilder::new("たなか先生")
                .role(Role::Teacher)
                .carrier(Carrier::Pc)
                .insert(app),
            coordinator: MemberBuilder::new("コーディネーター")
                .role(Role::Coordinator)
                .carrier(Carrier::Pc)
                .insert(app),
        }
    }

    /// はなママ's community, which さくらばあば has joined.
    fn hana_community(&self, app: &TestApp) -> i64 {
        CommunityBuilder::new(self.hana.id, HANA_COMMUNITY)
            .area("柏中央")
            .approved_by(self.coordinator.id)
            .member(self.sakura.id)
            .topic(
                self.hana.id,
                "雨の日に遊べる場所",
                "室内で遊べるところを教えてください☔",
            )
            .comment(
                self.sakura.id,
                "中央公民館の子育てひろばは火・木の午前にあいていますよ。",
            )
            .insert(app)
            .id
    }

    /// たなか先生's community, which nobody else has joined.
    fn sensei_community(&self, app: &TestApp) -> i64 {
        CommunityBuilder::new(self.sensei.id, SENSEI_COMMUNITY)
            .approved_by(self.coordinator.id)
            .insert(app)
            .id
    }
}

fn member_id(app: &TestApp, address: &str) -> i64 {
    let mut conn = app.pool.get().unwrap();
    MailAddress::find(&mut conn, address).unwrap().unwrap().member_id
}

/// A demo community's id by its name.
fn community_id(app: &TestApp, name: &str) -> i64 {
    community_id_in(&mut app.pool.get().unwrap(), name)
}

/// The number after `marker` in a redirect's location.
fn id_after(response: &Response, marker: &str) -> i64 {
    assert_eq!(response.status, 302, "{}", response.text());
    let location = response.header("location").expect("location");
    let tail = location
        .split(marker)
        .nth(1)
        .unwrap_or_else(|| panic!("{marker} in {location}"));
    tail.split(['?', '&', '/']).next().unwrap().parse().expect("id")
}

/// Posts to `path` with the CSRF token of the member's my page (for forms a page does not offer).
fn post_with_token(browser: &mut Browser<'_>, path: &str, fields: &[(&str, &str)]) -> Response {
    let mypage = browser.get("/mypage");
    let csrf = forms(&mypage)
        .into_iter()
        .find_map(|f| f.fields.into_iter().find(|(n, _)| n == "csrf").map(|(_, v)| v))
        .expect("a CSRF token on my page");
    let body = std::iter::once(("csrf", csrf.as_str()))
        .chain(fields.iter().copied())
        .map(|(n, v)| format!("{n}={}", percent_encode(v.as_bytes())))
        .collect::<Vec<_>>()
        .join("&");
    browser.post(path, body.as_bytes())
}

fn insert_topic(conn: &mut DbConnection, community_id: i64, member_id: i64, title: &str, body: &str) -> i64 {
    let title = PostTitle::parse(title).unwrap();
    let new = NewThread {
        place: Place::Community(community_id),
        member_id,
        title: &title,
        body,
        category: None,
        area_id: None,
        channel: Channel::Web,
        inbound_mail_id: None,
        profile: "pc",
    };
    Thread::insert(conn, &new).unwrap()
}

db_test! {
    fn a_proposal_from_docomo_waits_until_a_coordinator_approves_it_on_a_pc_and_the_proposer_is_mailed(app) {
        let mut phone = signed_in(&app, ua::DOCOMO_FOMA_2, HANA);
        let form = phone.get("/communities/new");
        assert_eq!(form.status, 200);
        assert!(form.is_shift_jis());
        let sent = phone.submit(&form, "/communities/new", &[
            ("name", "ベビーカーで歩こう会"),
            ("description", "段差の少ない道を教えあいましょう。"),
            ("area", "1"),
        ]);
        let id = id_after(&sent, "/communities/");
        let page = phone.follow(&sent);
        assert!(page.sjis_text().contains("コーディネーターの承認をお待ちください"), "{}", page.sjis_text());

        let mut pc = signed_in(&app, ua::PC, COORDINATOR);
        assert!(!pc.get("/communities").text().contains("ベビーカーで歩こう会"));
        let mut sakura = signed_in(&app, ua::AU, SAKURA);
        assert_eq!(sakura.get(&format!("/communities/{id}")).status, 404, "a proposal is not public");
        // The same name again is refused.
        let form = phone.get("/communities/new");
        let again = phone.submit(&form, "/communities/new", &[("name", "ベビーカーで歩こう会"), ("description", "二つめ")]);
        assert!(again.sjis_text().contains("同じ名前のコミュニティがすでにあります"), "{}", again.sjis_text());

        let admin = pc.get("/admin/communities");
        assert_eq!(admin.status, 200);
        assert!(admin.text().contains("ベビーカーで歩こう会"));
        let approved = pc.submit_picked(&admin, &[("id", &id.to_string()), ("action", "approve")], &[]);
        assert_eq!(approved.status, 302, "{}", approved.text());
        let list = pc.get("/communities").text();
        assert!(list.contains("ベビーカーで歩こう会") && list.contains("柏中央 1人"), "{list}");

        let mut conn = app.pool.get().unwrap();
        let mails = OutboxMail::to_recipient(&mut conn, HANA).unwrap();
        let mail = mails.iter().find(|m| m.kind == "community_decision").expect("a decision mail");
        assert!(mail.body.contains("ベビーカーで歩こう会") && mail.body.contains(&format!("/communities/{id}")), "{}", mail.body);
        assert_eq!(CommunityMember::role_of(&mut conn, id, member_id(&app, HANA)).unwrap(), Some(MemberRole::Owner));
        let log = ModerationLog::recent(&mut conn, PlaceKind::Community, 5).unwrap();
        assert_eq!((log[0].action.as_str(), log[0].place), ("approve", Place::Community(id)));
        drop(conn);
        let mypage = phone.get("/mypage").sjis_text();
        assert!(mypage.contains("わたしのコミュニティ") && mypage.contains("ベビーカーで歩こう会"), "{mypage}");
        // A second approval changes nothing.
        let twice = pc.submit_picked(&admin, &[("id", &id.to_string()), ("action", "approve")], &[]);
        assert!(twice.text().contains("すでに対応済み"));
        assert_eq!(app.run_jobs().mails, 1, "the decision goes out to the proposer");
    }
}

db_test! {
    fn a_member_joins_and_leaves_and_the_owner_cannot_leave(app: Empty) {
        let cast = Cast::new(&app);
        let id = cast.sensei_community(&app);
        let mut sakura = signed_in_as(&app, ua::AU, &cast.sakura);
        let page = sakura.get(&format!("/communities/{id}"));
        assert!(page.sjis_text().contains("メンバー1人") && !page.sjis_text().contains("トピックを立てる"), "{}", page.sjis_text());
        let joined = sakura.submit(&page, &format!("/communities/{id}/join"), &[]);
        let page = sakura.follow(&joined);
        let text = page.sjis_text();
        assert!(text.contains("メンバー2人") && text.contains("トピックを立てる"), "{text}");
        assert!(text.contains(&format!("mailto:c{id}-")) && text.contains(&format!("/communities/{id}/qr")), "{text}");
        let qr = sakura.get(&format!("/communities/{id}/qr"));
        assert_eq!(qr.status, 200);
        assert!(qr.body.starts_with(b"GIF"), "a GIF QR code for keitai");
        assert!(sakura.get("/mypage").sjis_text().contains(SENSEI_COMMUNITY));

        let left = sakura.submit(&page, &format!("/communities/{id}/leave"), &[]);
        let page = sakura.follow(&left);
        assert!(page.sjis_text().contains("メンバー1人") && page.sjis_text().contains("参加する"));
        assert_eq!(sakura.get(&format!("/communities/{id}/qr")).status, 404, "no address after leaving");

        let mut sensei = signed_in_as(&app, ua::PC, &cast.sensei);
        let refused = post_with_token(&mut sensei, &format!("/communities/{id}/leave"), &[]);
        assert!(refused.text().contains("管理人はコミュニティをやめられません"), "{}", refused.text());
        let mut conn = app.pool.get().unwrap();
        assert_eq!(CommunityMember::count(&mut conn, id).unwrap(), 1);
    }
}

db_test! {
    fn a_topic_with_an_emoji_from_docomo_reads_as_au_emoji_and_unicode_and_takes_comments(app) {
        let id = community_id(&app, HANA_COMMUNITY);
        let mut phone = signed_in(&app, ua::DOCOMO_FOMA_2, HANA);
        let form = phone.get(&format!("/communities/{id}/topics/new"));
        assert_eq!(form.status, 200);
        let text = form.sjis_text();
        assert!(!text.contains("type=\"file\"") && text.contains(&format!("c{id}-")), "{text}");
        let sjis = |s: &str| encoding_rs::SHIFT_JIS.encode(s).0.into_owned();
        let mut body = sjis("明日は晴れるみたいです");
        body.extend_from_slice(&[0xF8, 0x9F]);
        let raw = format!("title={}&body={}", percent_encode(&sjis("公園に行きませんか")), percent_encode(&body));
        let sent = phone.submit_raw(&form, &format!("/communities/{id}/topics/new"), &raw);
        let topic = id_after(&sent, "/topics/");
        let path = format!("/communities/{id}/topics/{topic}");

        let mut au = signed_in(&app, ua::AU, SAKURA);
        let page = au.get(&path);
        assert_eq!(page.status, 200);
        assert!(page.body.windows(2).any(|w| w == [0xF6, 0x60]), "au sun emoji: {}", page.sjis_text());
        let commented = au.submit(&page, &format!("{path}/comments"), &[("body", "行きます！")]);
        assert_eq!(commented.status, 302);
        assert!(au.follow(&commented).sjis_text().contains("行きます！"));

        let mut pc = signed_in(&app, ua::PC, COORDINATOR);
        let page = pc.get(&path).text();
        assert!(page.contains("晴れるみたいです☀") && page.contains("行きます！"), "{page}");
        let community = pc.get(&format!("/communities/{id}")).text();
        assert!(community.contains("公園に行きませんか"));
        // The liveliest community comes first.
        let list = pc.get("/communities").text();
        assert!(list.find(HANA_COMMUNITY) < list.find("手賀沼おさんぽクラブ"), "{list}");

        let mut conn = app.pool.get().unwrap();
        let profile: String = threads::table.find(topic).select(threads::profile).first(&mut *conn).unwrap();
        assert_eq!(profile, "docomo");
        let profiles: Vec<String> = thread_comments::table
            .filter(thread_comments::thread_id.eq(topic))
            .select(thread_comments::profile)
            .load(&mut *conn)
            .unwrap();
        assert_eq!(profiles, ["au"]);
    }
}

db_test! {
    fn a_non_member_cannot_post_and_a_hidden_topic_and_its_photo_are_gone_for_members(app) {
        let id = community_id(&app, HANA_COMMUNITY);
        let bytes = crate::helpers::data_file("photos/gps-orientation6.jpg");
        let mut hana = signed_in(&app, ua::IPHONE, HANA);
        let form = hana.get(&format!("/communities/{id}/topics/new"));
        assert!(form.text().contains("type=\"file\""), "{}", form.text());
        let sent = hana.upload(&form, &format!("/communities/{id}/topics/new"), &[("title", "ひまわり畑"), ("body", "見頃です🌻")], ("photo", "IMG_0001.jpg", &bytes));
        let topic = id_after(&sent, "/topics/");
        let path = format!("/communities/{id}/topics/{topic}");
        let photo = {
            let mut conn = app.pool.get().unwrap();
            PhotoInfo::of_thread(&mut conn, topic).unwrap()[0].id
        };

        let mut sensei = signed_in(&app, ua::PC, SENSEI);
        let refused = sensei.get(&format!("/communities/{id}/topics/new"));
        assert_eq!(refused.status, 403);
        assert!(refused.text().contains("参加していないため投稿できません"), "{}", refused.text());
        let page = sensei.get(&path);
        assert!(page.text().contains("コメントするには、コミュニティに参加してください"));
        let comment = post_with_token(&mut sensei, &format!("{path}/comments"), &[("body", "こんにちは")]);
        assert_eq!(comment.status, 403);
        assert_eq!(sensei.get(&format!("/photos/{photo}")).status, 200);

        let mut pc = signed_in(&app, ua::PC, COORDINATOR);
        let page = pc.get(&path);
        let empty = pc.submit_picked(&page, &[("action", "hide")], &[("reason", "")]);
        assert!(empty.text().contains("理由を入力してください"));
        let hidden = pc.submit_picked(&page, &[("action", "hide")], &[("reason", "個人情報のため")]);
        assert_eq!(hidden.status, 302);
        assert!(pc.follow(&hidden).text().contains("非表示（個人情報のため）"));
        assert_eq!(sensei.get(&path).status, 404);
        assert_eq!(hana.get(&path).status, 404, "the author too");
        assert_eq!(sensei.get(&format!("/photos/{photo}")).status, 404, "a hidden topic's photo");
        assert_eq!(pc.get(&format!("/photos/{photo}")).status, 200);
        assert!(!sensei.get(&format!("/communities/{id}")).text().contains("ひまわり畑"));

        let page = pc.get(&path);
        let restored = pc.submit_picked(&page, &[("action", "restore")], &[("reason", "確認済み")]);
        assert_eq!(restored.status, 302);
        assert_eq!(sensei.get(&path).status, 200);
        let mut conn = app.pool.get().unwrap();
        let log = ModerationLog::recent(&mut conn, PlaceKind::Community, 5).unwrap();
        let actions: Vec<_> = log.iter().map(|l| (l.action.as_str(), l.thread_id, l.reason.as_str())).collect();
        assert_eq!(actions[..2], [("restore", Some(topic), "確認済み"), ("hide", Some(topic), "個人情報のため")]);
    }
}

db_test! {
    fn a_coordinator_hides_a_comment_on_a_pc_which_a_docomo_member_no_longer_sees_until_it_is_restored(app) {
        let id = community_id(&app, HANA_COMMUNITY);
        let (topic, kept, rude, second) = {
            let mut conn = app.pool.get().unwrap();
            let hana = member_id(&app, HANA);
            let sakura = member_id(&app, SAKURA);
            let topic = insert_topic(&mut conn, id, hana, "夜泣きの相談", "夜泣きが続いています。");
            let kept = ThreadComment::insert(&mut conn, topic, sakura, &CommentBody::parse("うちもそうでした").unwrap(), "au").unwrap();
            let rude = ThreadComment::insert(&mut conn, topic, sakura, &CommentBody::parse("090-1234-5678に電話して").unwrap(), "au").unwrap();
            let second = insert_topic(&mut conn, id, hana, "離乳食", "おすすめを教えてください");
            (topic, kept, rude, second)
        };
        let path = format!("/communities/{id}/topics/{topic}");
        let action = format!("{path}/comments/{rude}/moderate");

        let mut phone = signed_in(&app, ua::DOCOMO_FOMA_2, HANA);
        let page = phone.get(&path);
        assert!(page.is_shift_jis() && page.sjis_text().contains("090-1234-5678"), "{}", page.sjis_text());
        assert!(!page.sjis_text().contains("/moderate"), "members get no moderation forms");
        let refused = post_with_token(&mut phone, &action, &[("action", "hide"), ("reason", "spam")]);
        assert_eq!(refused.status, 403, "a member cannot hide a comment");

        let mut pc = signed_in(&app, ua::PC, COORDINATOR);
        let page = pc.get(&path);
        assert!(page.text().contains(&action), "a form under each comment: {}", page.text());
        let empty = pc.submit(&page, &action, &[("reason", "")]);
        assert!(empty.text().contains("理由を入力してください"), "{}", empty.text());
        let hidden = pc.submit(&page, &action, &[("reason", "電話番号のため")]);
        assert_eq!(hidden.status, 302, "{}", hidden.text());
        let text = pc.follow(&hidden).text();
        assert!(text.contains("【非表示】") && text.contains("090-1234-5678") && text.contains("再表示する"), "{text}");
        // A second click on the old page changes nothing and logs nothing.
        assert_eq!(pc.submit(&page, &action, &[("reason", "二度目")]).status, 302);
        // The comment is not one of another topic's.
        let other = format!("/communities/{id}/topics/{second}/comments/{rude}/moderate");
        assert_eq!(post_with_token(&mut pc, &other, &[("action", "hide"), ("reason", "x")]).status, 404);

        let page = phone.get(&path);
        assert_eq!(page.status, 200);
        let text = page.sjis_text();
        assert!(!text.contains("090-1234-5678") && !text.contains("非表示"), "{text}");
        assert!(text.contains("うちもそうでした") && text.contains("コメント（1件）"), "{text}");

        let page = pc.get(&path);
        let restored = pc.submit(&page, &action, &[("reason", "本人の了解あり")]);
        assert_eq!(restored.status, 302);
        assert!(phone.get(&path).sjis_text().contains("090-1234-5678"), "restored");
        let admin = pc.get("/admin/communities").text();
        let logged = format!("コミュニティ{id}のトピック{topic}へのコメント{rude}を");
        assert!(admin.contains(&logged), "the log names the comment: {admin}");

        let mut conn = app.pool.get().unwrap();
        let log = ModerationLog::recent(&mut conn, PlaceKind::Community, 5).unwrap();
        let lines: Vec<_> = log.iter().map(|l| (l.action.as_str(), l.place, l.thread_id, l.comment_id, l.reason.as_str())).collect();
        assert_eq!(lines[..2], [
            ("restore", Place::Community(id), Some(topic), Some(rude), "本人の了解あり"),
            ("hide", Place::Community(id), Some(topic), Some(rude), "電話番号のため"),
        ]);
        assert_ne!(log.get(2).map(|l| l.reason.as_str()), Some("二度目"), "an action that changes nothing is not logged");
        let hidden_at: Option<chrono::NaiveDateTime> = thread_comments::table
            .find(kept)
            .select(thread_comments::hidden_at)
            .first(&mut *conn)
            .unwrap();
        assert!(hidden_at.is_none(), "the other comment was never touched");
    }
}

db_test! {
    fn the_author_deletes_her_topic_from_docomo_after_a_confirmation_and_nobody_else_can(app: Empty) {
        let cast = Cast::new(&app);
        let id = cast.hana_community(&app);
        let bytes = crate::helpers::data_file("photos/gps-orientation6.jpg");
        let mut iphone = signed_in_as(&app, ua::IPHONE, &cast.hana);
        let form = iphone.get(&format!("/communities/{id}/topics/new"));
        let sent = iphone.upload(&form, &format!("/communities/{id}/topics/new"), &[("title", "まちがえたトピック"), ("body", "消したいです")], ("photo", "IMG_0002.jpg", &bytes));
        let topic = id_after(&sent, "/topics/");
        let path = format!("/communities/{id}/topics/{topic}");
        let photo = {
            let mut conn = app.pool.get().unwrap();
            PhotoInfo::of_thread(&mut conn, topic).unwrap()[0].id
        };

        let mut sakura = signed_in_as(&app, ua::AU, &cast.sakura);
        let page = sakura.get(&path);
        assert!(!page.sjis_text().contains("このトピックを削除する"), "only the author gets the link");
        let commented = sakura.submit(&page, &format!("{path}/comments"), &[("body", "どうしましたか")]);
        assert_eq!(commented.status, 302);
        assert_eq!(sakura.get(&format!("{path}/delete")).status, 404, "another member's topic");
        let refused = post_with_token(&mut sakura, &format!("{path}/delete"), &[]);
        assert_eq!(refused.status, 404);
        let mut pc = signed_in_as(&app, ua::PC, &cast.coordinator);
        assert_eq!(pc.get(&format!("{path}/delete")).status, 404, "a coordinator hides, she does not delete");
        // Under another community's id it is not her topic either.
        let other = cast.sensei_community(&app);
        let mut phone = signed_in_as(&app, ua::DOCOMO_FOMA_2, &cast.hana);
        assert_eq!(phone.get(&format!("/communities/{other}/topics/{topic}/delete")).status, 404);

        let page = phone.get(&path);
        let text = page.sjis_text();
        assert!(text.contains("このトピックを削除する"), "{text}");
        let link = links(&page)
            .into_iter()
            .find(|l| l.contains(&format!("{path}/delete")))
            .unwrap_or_else(|| panic!("a delete link in {text}"));
        let confirm = phone.get(link.strip_prefix(&app.base_url).unwrap_or(&link));
        assert_eq!(confirm.status, 200);
        let text = confirm.sjis_text();
        assert!(confirm.is_shift_jis() && text.contains("「まちがえたトピック」を削除します") && text.contains("元に戻せません"), "{text}");
        assert!(confirm.body.len() <= crate::helpers::budget(&app, ua::DOCOMO_FOMA_2));
        let done = phone.submit(&confirm, &format!("{path}/delete"), &[]);
        assert_eq!(done.status, 302, "{}", done.text());
        assert!(done.header("location").unwrap().contains(&format!("/communities/{id}?done=deleted")));
        let community = phone.follow(&done);
        let text = community.sjis_text();
        assert!(text.contains("トピックを削除しました。") && !text.contains("まちがえたトピック"), "{text}");

        assert_eq!(phone.get(&path).status, 404);
        assert_eq!(pc.get(&path).status, 404, "gone for coordinators too");
        assert_eq!(pc.get(&format!("/photos/{photo}")).status, 404, "its photo went with it");
        let mut conn = app.pool.get().unwrap();
        assert!(Thread::find(&mut conn, topic).unwrap().is_none());
        assert!(ThreadComment::of_thread(&mut conn, topic, true).unwrap().is_empty(), "its comments went with it");
        assert!(PhotoInfo::of_thread(&mut conn, topic).unwrap().is_empty());
    }
}

db_test! {
    fn a_rejected_proposal_needs_a_reason_which_the_proposer_reads(app: Empty) {
        let cast = Cast::new(&app);
        cast.hana_community(&app);
        let proposer = MemberBuilder::new("管理者").role(Role::Admin).email("admin@hiroba.example.jp").insert(&app);
        let id = CommunityBuilder::new(proposer.id, "ふたごママの会").proposal().insert(&app).id;
        let mut pc = signed_in_as(&app, ua::PC, &cast.coordinator);
        let admin = pc.get("/admin/communities");
        let text = admin.text();
        assert!(text.find("ふたごママの会") < text.find(HANA_COMMUNITY), "pending first: {text}");
        let no_reason = pc.submit_picked(&admin, &[("id", &id.to_string()), ("action", "reject")], &[("reason", "")]);
        assert!(no_reason.text().contains("理由を入力してください"));
        let rejected = pc.submit_picked(&admin, &[("id", &id.to_string()), ("action", "reject")], &[("reason", "同じ趣旨のサークルが市にあります")]);
        assert_eq!(rejected.status, 302);
        let mut conn = app.pool.get().unwrap();
        let mail = OutboxMail::to_recipient(&mut conn, "admin@hiroba.example.jp").unwrap();
        assert!(mail.iter().any(|m| m.kind == "community_decision" && m.body.contains("同じ趣旨のサークルが市にあります")));
        let found = Community::find(&mut conn, id).unwrap().unwrap();
        assert_eq!((found.status.as_str(), found.decision_reason.as_deref()), ("rejected", Some("同じ趣旨のサークルが市にあります")));
        drop(conn);
        let mut proposer = signed_in_as(&app, ua::PC, &proposer);
        assert!(proposer.get(&format!("/communities/{id}")).text().contains("見送られました（同じ趣旨のサークルが市にあります）"));
        assert!(!pc.get("/communities").text().contains("ふたごママの会"));
        assert_eq!(app.run_jobs().mails, 1, "the decision goes out to the proposer");
    }
}

db_test! {
    fn a_mailed_topic_with_a_photo_has_no_exif_and_the_reply_has_its_url_and_outsiders_are_refused(app) {
        let id = community_id(&app, HANA_COMMUNITY);
        let other = community_id(&app, SENSEI_COMMUNITY);
        let posting = member_with(&app, "yuki-mama@ezweb.ne.jp");
        let private = posting.strip_prefix("post-").unwrap().split('@').next().unwrap().to_string();
        let yuki = member_id(&app, "yuki-mama@ezweb.ne.jp");
        let (token, other_token) = {
            let mut conn = app.pool.get().unwrap();
            CommunityMember::join(&mut conn, id, yuki, MemberRole::Member).unwrap();
            // The other community's token is hers from a time she had joined it.
            (CommunityPostingToken::of(&mut conn, id, yuki).unwrap(), CommunityPostingToken::of(&mut conn, other, yuki).unwrap())
        };
        assert!(token != private && token != other_token, "each community has its own token, not her posting token");
        let to = format!("c{id}-{token}@{DOMAIN}");
        assert_eq!(mail_in(&app.database_url, &to, &fixture("au-photo-gps.eml"), &[]), 0);
        // Not joined: a refusal reply and nothing posted.
        let outside = format!("c{other}-{other_token}@{DOMAIN}");
        assert_eq!(mail_in(&app.database_url, &outside, &fixture("au-photo-gps.eml"), &[]), 0);
        // A community that does not exist is an unknown address for the MTA.
        assert_eq!(mail_in(&app.database_url, &format!("c99999-{token}@{DOMAIN}"), &fixture("au-photo-gps.eml"), &[]), 67);
        // Her private posting token no longer opens a community (the addresses before the change),
        // a community's token opens no other community, and it is no portal posting address.
        for unknown in [format!("c{id}-{private}@{DOMAIN}"), format!("c{other}-{token}@{DOMAIN}"), format!("post-{token}@{DOMAIN}")] {
            assert_eq!(mail_in(&app.database_url, &unknown, &fixture("au-photo-gps.eml"), &[]), 67, "{unknown}");
        }
        app.run_jobs();

        let mut conn = app.pool.get().unwrap();
        let topics = Thread::of_member(&mut conn, yuki, 10).unwrap();
        assert_eq!(topics.len(), 1, "one topic, in the joined community only");
        let topic = &topics[0];
        assert_eq!((topic.place, topic.channel), (Place::Community(id), Channel::Mail));
        let profile: String = threads::table.find(topic.id).select(threads::profile).first(&mut *conn).unwrap();
        assert_eq!(profile, "au");
        let photos = PhotoInfo::of_thread(&mut conn, topic.id).unwrap();
        assert_eq!(photos.len(), 1);
        let replies = OutboxMail::to_recipient(&mut conn, "yuki-mama@ezweb.ne.jp").unwrap();
        let url = format!("/communities/{id}/topics/{}", topic.id);
        assert!(replies.iter().any(|m| m.kind == "post_accepted" && m.body.contains(&url)), "{replies:?}");
        let refusal = replies.iter().find(|m| m.kind == "post_refused").expect("a refusal reply");
        assert!(refusal.body.contains("参加していないため") && refusal.body.contains(SENSEI_COMMUNITY), "{}", refusal.body);
        drop(conn);

        // Renewing her addresses renews the community addresses too: the old one is unknown.
        {
            let mut conn = app.pool.get().unwrap();
            hiroba::threads::address::renew_all(&mut conn, yuki).unwrap();
            assert_ne!(CommunityPostingToken::of(&mut conn, id, yuki).unwrap(), token);
        }
        assert_eq!(mail_in(&app.database_url, &to, &fixture("au-photo-gps.eml"), &[]), 67);

        let has_exif = |bytes: &[u8]| bytes.windows(4).any(|w| w == b"Exif") || bytes.windows(3).any(|w| w == b"GPS");
        for agent in [ua::DOCOMO_FOMA_2, ua::PC] {
            let mut browser = signed_in(&app, agent, HANA);
            let page = browser.get(&url);
            assert_eq!(page.status, 200, "{agent}");
            assert!(page.text().contains("（メール投稿）") && page.text().contains(&format!("/photos/{}", photos[0].id)), "{agent}: {}", page.text());
            let image = browser.get(&format!("/photos/{}", photos[0].id));
            assert_eq!(image.status, 200, "{agent}");
            assert!(!has_exif(&image.body), "{agent}: EXIF in the served photo");
        }
    }
}

db_test! {
    fn guests_log_in_first_and_pending_members_wait(app) {
        let mut guest = Browser::new(&app, ua::PC);
        for path in ["/communities", "/communities/new", "/communities/1", "/admin/communities"] {
            let response = guest.get(path);
            assert_eq!(response.status, 302, "{path}");
            assert!(response.header("location").unwrap().contains("/login?next="), "{path}");
        }
        let mut pending = signed_in(&app, ua::SOFTBANK, "new.mama@softbank.ne.jp");
        for path in ["/communities", "/communities/new", "/communities/1"] {
            let page = pending.get(path);
            assert_eq!(page.status, 403, "{path}");
            assert!(page.sjis_text().contains("承認をお待ちください"), "{path}: {}", page.sjis_text());
        }
        let mut hana = signed_in(&app, ua::PC, HANA);
        assert_eq!(hana.get("/admin/communities").status, 403);
        let page = hana.get(&format!("/communities/{}", community_id(&app, HANA_COMMUNITY)));
        assert!(!page.text().contains("/moderate"));
        assert!(hana.get("/portal").text().contains("/communities"));
    }
}

db_test! {
    fn every_keitai_page_of_communities_fits_its_budget(app) {
        let (id, topic, wordy) = {
            let mut conn = app.pool.get().unwrap();
            let coordinator = MailAddress::find(&mut conn, COORDINATOR).unwrap().unwrap().member_id;
            for n in 0..40 {
                let name = CommunityName::parse(&format!("子育てサークルのコミュニティ その{n}")).unwrap();
                let description = CommunityDescription::parse("説明").unwrap();
                let proposal = Proposal { name: &name, description: &description, area_id: Some(1), created_by: coordinator };
                let cid = Community::propose(&mut conn, &proposal).unwrap().unwrap();
                Community::decide(&mut conn, cid, Decision::Approve, coordinator, None).unwrap();
            }
            // The longest description a proposal may have, in kanji and kana (two bytes each in Shift_JIS).
            let long = CommunityDescription::parse(&"子育ての情報を交換しましょう。".repeat(66)).unwrap();
            let name = CommunityName::parse("説明の長いコミュニティ").unwrap();
            let proposal = Proposal { name: &name, description: &long, area_id: Some(1), created_by: coordinator };
            let wordy = Community::propose(&mut conn, &proposal).unwrap().unwrap();
            Community::decide(&mut conn, wordy, Decision::Approve, coordinator, None).unwrap();
            let hana = MailAddress::find(&mut conn, HANA).unwrap().unwrap().member_id;
            CommunityMember::join(&mut conn, wordy, hana, MemberRole::Member).unwrap();
            let id = community_id_in(&mut conn, HANA_COMMUNITY);
            for n in 0..40 {
                insert_topic(&mut conn, id, hana, &format!("公園のトピックです その{n}☀"), "本文");
            }
            let body = "駅前の公園で遊びました☀\nベビーカーでも入れます。\n".repeat(6);
            let topic = insert_topic(&mut conn, id, hana, "柏の葉公園の桜", &body);
            let text = CommentBody::parse(&"土曜日に行きました。駐車場は朝のうちが空いています🌸".repeat(5)).unwrap();
            for _ in 0..60 {
                ThreadComment::insert(&mut conn, topic, hana, &text, "pc").unwrap();
            }
            (id, topic, wordy)
        };
        for user_agent in ua::KEITAI {
            let limit = budget(&app, user_agent);
            let mut phone = Signed::new(&app, user_agent, HANA, DEMO_PASSWORD);
            let paths = [
                "/communities".to_string(),
                "/communities?page=2".into(),
                "/communities/new".into(),
                format!("/communities/{id}"),
                format!("/communities/{id}?page=2"),
                format!("/communities/{id}/topics/new"),
                format!("/communities/{id}/topics/{topic}"),
                format!("/communities/{id}/topics/{topic}?page=2"),
                format!("/communities/{wordy}"),
                "/mypage".into(),
                "/portal".into(),
            ];
            crate::helpers::device::assert_pages_fit(&mut phone, user_agent, limit, &paths);
            if limit <= 10 * 1024 {
                let first = phone.get(&format!("/communities/{id}/topics/{topic}")).sjis_text();
                assert!(first.contains("次へ") && first.contains("コメント（60件）"), "comments are paged: {first}");
            }
            // 44 communities are more than a 5 KB handset takes in one page.
            if limit <= 5 * 1024 {
                let list = phone.get("/communities").sjis_text();
                assert!(list.contains("次へ"), "the list is paged: {list}");
            }
        }
    }
}

fn community_id_in(conn: &mut DbConnection, name: &str) -> i64 {
    use hiroba::db::schema::communities;
    communities::table
        .filter(communities::name.eq(name))
        .select(communities::id)
        .first(conn)
        .unwrap()
}

db_test! {
    fn closing_a_community_asks_once_more_on_its_own_page_and_needs_a_reason(app: Empty) {
        let cast = Cast::new(&app);
        let id = cast.hana_community(&app);
        let mut pc = signed_in_as(&app, ua::PC, &cast.coordinator);
        let admin = pc.get("/admin/communities");
        let text = admin.text();
        assert!(!text.contains("最近の対応"), "no heading over an empty log: {text}");
        assert!(
            !forms(&admin).iter().any(|f| f.fields.iter().any(|(n, v)| n == "action" && v == "close")),
            "no one-click close on the list: {text}"
        );
        let link = format!("/admin/communities/{id}/close");
        assert!(links(&admin).contains(&link), "{text}");
        let confirm = pc.get(&link);
        assert_eq!(confirm.status, 200);
        // A closing posted without the confirmation only leads to it.
        let csrf = forms(&confirm)
            .iter()
            .flat_map(|f| f.fields.clone())
            .find(|(n, _)| n == "csrf")
            .expect("csrf")
            .1;
        let skipped = pc.post("/admin/communities/decide", format!("csrf={csrf}&id={id}&action=close&reason=x").as_bytes());
        assert_eq!(skipped.status, 302, "{}", skipped.text());
        assert!(skipped.header("location").unwrap().ends_with(&link));
        let still = Community::find(&mut app.pool.get().unwrap(), id).unwrap().unwrap();
        assert_eq!(still.status, "approved");
        assert!(confirm.text().contains(&format!("コミュニティ「{HANA_COMMUNITY}」を終了します")), "{}", confirm.text());
        let no_reason = pc.submit(&confirm, "/admin/communities/decide", &[("reason", "")]);
        assert!(no_reason.text().contains("理由を入力してください") && no_reason.text().contains("終了しないで戻る"));
        let closed = pc.submit(&confirm, "/admin/communities/decide", &[("reason", "活動が終わったため")]);
        assert_eq!(closed.status, 302, "{}", closed.text());
        let page = pc.follow(&closed).text();
        assert!(page.contains("コミュニティを終了しました。") && page.contains("最近の対応"), "{page}");
        let found = Community::find(&mut app.pool.get().unwrap(), id).unwrap().unwrap();
        assert_eq!((found.status.as_str(), found.decision_reason.as_deref()), ("closed", Some("活動が終わったため")));
        assert_eq!(pc.get(&link).status, 404, "a closed community has nothing to confirm");
    }
}

db_test! {
    fn the_close_confirmation_works_on_an_imode_phone(app: Empty) {
        let cast = Cast::new(&app);
        let id = cast.hana_community(&app);
        let mut phone = cast.coordinator.sign_in(&app, ua::DOCOMO_MOVA);
        let confirm = phone.get(&format!("/admin/communities/{id}/close"));
        assert_eq!(confirm.status, 200);
        assert!(confirm.is_shift_jis() && confirm.body.len() <= budget(&app, ua::DOCOMO_MOVA));
        let closed = phone.browser.submit(&confirm, "/admin/communities/decide", &[("reason", "活動終了")]);
        assert_eq!(closed.status, 302, "{}", closed.sjis_text());
        assert!(closed.header("location").unwrap().contains("sid="));
        let found = Community::find(&mut app.pool.get().unwrap(), id).unwrap().unwrap();
        assert_eq!(found.status, "closed");
    }
}

db_test! {
    fn a_community_shows_its_own_address_for_the_member_never_her_private_posting_token(app: Empty) {
        let cast = Cast::new(&app);
        let id = cast.hana_community(&app);
        let private = cast.hana.posting_address(&app);
        let private = private.strip_prefix("post-").unwrap().split('@').next().unwrap().to_string();
        let mut phone = cast.hana.sign_in(&app, ua::DOCOMO_FOMA_2);
        let page = phone.get(&format!("/communities/{id}")).sjis_text();
        let form = phone.get(&format!("/communities/{id}/topics/new")).sjis_text();
        let token = CommunityPostingToken::of(&mut app.pool.get().unwrap(), id, cast.hana.id).unwrap();
        for text in [&page, &form] {
            assert!(text.contains(&format!("c{id}-{token}@{DOMAIN}")), "{text}");
            assert!(!text.contains(&private), "her private posting token is not shown: {text}");
        }
        // The address reaches the community only; sent to it, the topic is hers.
        let mail = fixture("docomo-sjis-emoji.eml");
        assert_eq!(mail_in(&app.database_url, &format!("c{id}-{token}@{DOMAIN}"), &mail, &[]), 0);
        assert_eq!(mail_in(&app.database_url, &format!("post-{token}@{DOMAIN}"), &mail, &[]), 67);
        app.run_jobs();
    }
}
