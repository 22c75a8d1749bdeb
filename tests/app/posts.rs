//! クチコミ over HTTP: posting from a keitai with carrier emoji and from a smartphone with a photo,
//! comments, reports and a coordinator's hide and restore, and who may do what.

use crate::helpers::builders::{Carrier, MemberBuilder, PostBuilder, TestMember};
use crate::helpers::{budget, percent_encode, ua, Browser, Response, TestApp};
use hiroba::db::models::moderation::ModerationLog;
use hiroba::db::models::photo::PhotoInfo;
use hiroba::db::models::thread::Thread;
use hiroba::db::models::thread_comment::ThreadComment;
use hiroba::domain::post::Category;
use hiroba::domain::role::Role;
use hiroba::domain::thread::PlaceKind;

/// The guardian who posts and the coordinator who moderates, the cast of most tests here.
fn cast(app: &TestApp) -> (TestMember, TestMember) {
    let hana = MemberBuilder::new("はなママ").area("柏中央").insert(app);
    let coordinator = MemberBuilder::new("コーディネーター")
        .role(Role::Coordinator)
        .carrier(Carrier::Pc)
        .insert(app);
    (hana, coordinator)
}

fn signed_in<'a>(app: &'a TestApp, user_agent: &str, member: &TestMember) -> Browser<'a> {
    member.sign_in(app, user_agent).browser
}

/// The id of the post a redirect points to.
fn post_id(response: &Response) -> i64 {
    assert_eq!(response.status, 302, "{}", response.text());
    let location = response.header("location").expect("location");
    let tail = location.split("/posts/").nth(1).expect("post url");
    tail.split(['?', '&']).next().unwrap().parse().expect("id")
}

/// Posts a post from the PC form (UTF-8).
fn post_from_pc(browser: &mut Browser<'_>, title: &str, body: &str) -> i64 {
    let form = browser.get("/posts/new");
    assert_eq!(form.status, 200);
    let sent = browser.upload(
        &form,
        "/posts/new",
        &[("title", title), ("body", body), ("category", "clinic")],
        ("photo", "", b""),
    );
    post_id(&sent)
}

db_test! {
    fn a_docomo_post_with_a_carrier_emoji_reads_back_as_au_emoji_and_as_unicode(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let sakura = MemberBuilder::new("さくらばあば").carrier(Carrier::Au).insert(&app);
        PostBuilder::new(sakura.id, "土曜午前もやっている小児科").category(Category::Clinic).insert(&app);
        let mut phone = signed_in(&app, ua::DOCOMO_FOMA_2, &hana);
        let form = phone.get("/posts/new");
        assert_eq!(form.status, 200);
        assert!(form.is_shift_jis());
        let text = form.sjis_text();
        assert!(text.contains("あてにメールで送れます") && !text.contains("type=\"file\""), "{text}");
        let sjis = |s: &str| encoding_rs::SHIFT_JIS.encode(s).0.into_owned();
        let mut body = sjis("あけぼの公園の噴水が始まりました");
        body.extend_from_slice(&[0xF8, 0x9F]);
        let raw = format!(
            "title={}&body={}&category=play",
            percent_encode(&sjis("あけぼの公園")),
            percent_encode(&body)
        );
        let id = post_id(&phone.submit_raw(&form, "/posts/new", &raw));
        let stored = Thread::find(&mut app.pool.get().unwrap(), id).unwrap().unwrap();
        assert_eq!(stored.profile, "docomo", "the device profile it was written on");

        let mut au = signed_in(&app, ua::AU, &coordinator);
        let page = au.get(&format!("/posts/{id}"));
        assert_eq!(page.status, 200);
        assert!(page.body.windows(2).any(|w| w == [0xF6, 0x60]), "au sun emoji: {}", page.sjis_text());
        assert!(page.sjis_text().contains("遊び場"));

        let mut pc = signed_in(&app, ua::PC, &coordinator);
        let page = pc.get(&format!("/posts/{id}"));
        assert!(page.text().contains("始まりました☀"), "{}", page.text());
        assert!(pc.get("/posts").text().contains("あけぼの公園"));
        let clinics = pc.get("/posts?category=clinic").text();
        assert!(clinics.contains("土曜午前もやっている小児科") && !clinics.contains("あけぼの公園"), "{clinics}");
    }
}

db_test! {
    fn a_smartphone_photo_post_is_served_without_exif(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let bytes = crate::helpers::data_file("photos/gps-orientation6.jpg");
        let mut phone = signed_in(&app, ua::IPHONE, &hana);
        let form = phone.get("/posts/new");
        assert!(form.text().contains("type=\"file\""), "{}", form.text());
        let sent = phone.upload(
            &form,
            "/posts/new",
            &[("title", "ひまわり畑"), ("body", "見頃です🌻"), ("category", "play")],
            ("photo", "IMG_0001.jpg", &bytes),
        );
        let id = post_id(&sent);
        let photos = {
            let mut conn = app.pool.get().unwrap();
            PhotoInfo::of_thread(&mut conn, id).unwrap()
        };
        assert_eq!(photos.len(), 1);
        let has_exif = |bytes: &[u8]| bytes.windows(4).any(|w| w == b"Exif") || bytes.windows(3).any(|w| w == b"GPS");
        for agent in [ua::IPHONE, ua::DOCOMO_FOMA_2, ua::PC] {
            let mut browser = signed_in(&app, agent, &coordinator);
            let page = browser.get(&format!("/posts/{id}"));
            assert!(page.text().contains(&format!("/photos/{}", photos[0].id)) || page.sjis_text().contains("/photos/"));
            let image = browser.get(&format!("/photos/{}", photos[0].id));
            assert_eq!(image.status, 200, "{agent}");
            assert!(!has_exif(&image.body), "{agent}: EXIF in the served photo");
        }
    }
}

db_test! {
    fn a_reported_post_is_hidden_by_a_coordinator_and_restored_both_logged(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let mut hana = signed_in(&app, ua::PC, &hana);
        let id = post_from_pc(&mut hana, "小児科の待ち時間", "午前中は混んでいました。");
        let page = hana.get(&format!("/posts/{id}"));
        // Each form redirects to the post page that says what was done: a reload sends nothing again.
        let sent = hana.submit(&page, &format!("/posts/{id}/comments"), &[("body", "午後が空いていますよ")]);
        let commented = hana.follow(&sent);
        let text = commented.text();
        assert!(text.contains("コメントしました") && text.contains("午後が空いていますよ"), "{text}");
        // Another member reports it (its author is not offered the form).
        let yui = MemberBuilder::new("ゆいママ").insert(&app);
        let mut yui = signed_in(&app, ua::PC, &yui);
        let page = yui.get(&format!("/posts/{id}"));
        let reported = yui.submit(&page, &format!("/posts/{id}/report"), &[("reason", "病院名が誤っています")]);
        let reported = yui.follow(&reported);
        assert!(reported.text().contains("通報を受け付けました"));
        let again = yui.submit(&reported, &format!("/posts/{id}/report"), &[("reason", "もう一度")]);
        assert!(yui.follow(&again).text().contains("すでに通報済み"));
        let mut conn = app.pool.get().unwrap();
        assert_eq!(ThreadComment::of_thread(&mut conn, id, true).unwrap().len(), 1, "one comment");
        drop(conn);

        let mut coordinator = signed_in(&app, ua::PC, &coordinator);
        let admin = coordinator.get("/admin/posts");
        assert_eq!(admin.status, 200);
        let text = admin.text();
        assert!(text.contains("小児科の待ち時間") && text.contains("通報1件") && text.contains("病院名が誤っています"), "{text}");

        let page = coordinator.get(&format!("/posts/{id}"));
        let hidden = coordinator.submit_picked(&page, &[("target", "post")], &[("reason", "内容確認のため")]);
        assert!(hidden.text().contains("非表示にしました") && hidden.text().contains("非表示（内容確認のため）"));
        assert_eq!(hana.get(&format!("/posts/{id}")).status, 404);
        assert!(!hana.get("/posts").text().contains("小児科の待ち時間"));
        assert!(hana.get("/posts?mine=1").text().contains("小児科の待ち時間"));

        let hidden_comment = coordinator.submit_picked(&hidden, &[("target", "comment")], &[("reason", "重複")]);
        assert!(hidden_comment.text().contains("【非表示】"));
        let restored = coordinator.submit_picked(&hidden_comment,
            &[("target", "post"), ("action", "restore")],
            &[("reason", "確認済み")],
        );
        assert!(restored.text().contains("再表示しました"));
        let back = hana.get(&format!("/posts/{id}"));
        assert_eq!(back.status, 200);
        assert!(!back.text().contains("午後が空いていますよ"), "the hidden comment stays hidden");

        let mut conn = app.pool.get().unwrap();
        let log = ModerationLog::recent(&mut conn, PlaceKind::Portal, 10).unwrap();
        let actions: Vec<_> = log.iter().map(|l| (l.action.as_str(), l.thread_id, l.reason.as_str())).collect();
        assert_eq!(log.len(), 3);
        assert_eq!(actions[0], ("restore", Some(id), "確認済み"));
        assert_eq!(actions[2], ("hide", Some(id), "内容確認のため"));
        assert!(log[1].comment_id.is_some());
    }
}

db_test! {
    fn a_pending_member_cannot_post_and_a_guardian_cannot_moderate(app: Empty) {
        let (hana, _) = cast(&app);
        let pending = MemberBuilder::new("ゆいママ").carrier(Carrier::SoftBank).pending().insert(&app);
        let mut pending = signed_in(&app, ua::PC, &pending);
        assert_eq!(pending.get("/posts/new").status, 403);
        assert_eq!(pending.get("/posts").status, 403);
        let mut hana = signed_in(&app, ua::PC, &hana);
        assert_eq!(hana.get("/admin/posts").status, 403);
        assert!(hana.get("/mypage").text().contains("/posts?mine=1"));
        let id = post_from_pc(&mut hana, "図書館のおはなし会", "毎週土曜です。");
        let page = hana.get(&format!("/posts/{id}"));
        assert!(!page.text().contains("/admin/posts/moderate"));
        let mut anonymous = Browser::new(&app, ua::PC);
        assert_eq!(anonymous.get("/posts").status, 302);
    }
}

db_test! {
    fn the_post_pages_fit_every_keitai_budget(app: Empty) {
        let (hana, _) = cast(&app);
        let sakura = MemberBuilder::new("さくらばあば").carrier(Carrier::Au).insert(&app);
        let body = "駅前の公園で遊びました☀\nベビーカーでも入れます。\n".repeat(6);
        for n in 0..30 {
            PostBuilder::new(hana.id, &format!("公園のクチコミ その{n}")).body(&body).insert(&app);
        }
        let comment = "土曜日に行きました。駐車場は朝のうちが空いています🌸".repeat(5);
        let id = (0..60)
            .fold(PostBuilder::new(hana.id, "柏の葉公園の桜").body("満開でした"), |post, _| post.comment(sakura.id, &comment))
            .insert(&app);
        for user_agent in [ua::DOCOMO_MOVA, ua::DOCOMO_FOMA_1, ua::DOCOMO_FOMA_2, ua::AU, ua::SOFTBANK, ua::WILLCOM] {
            let limit = budget(&app, user_agent);
            let mut phone = hana.sign_in(&app, user_agent);
            let paths = [
                "/posts".to_string(),
                "/posts?page=2".into(),
                format!("/posts/{id}"),
                format!("/posts/{id}?page=2"),
                "/posts/new".into(),
            ];
            crate::helpers::device::assert_pages_fit(&mut phone, user_agent, limit, &paths);
            // 60 comments of some 270 bytes each are more than a 10 KB handset takes in one page.
            if limit <= 10 * 1024 {
                let first = phone.get(&format!("/posts/{id}")).sjis_text();
                assert!(first.contains("次へ") && first.contains("コメント（60件）"), "comments are paged: {first}");
            }
        }
    }
}

db_test! {
    fn a_mail_post_gets_the_category_other_and_the_members_area(app: Empty) {
        use hiroba::db::models::area::Area;
        let (_, coordinator) = cast(&app);
        let yuki = MemberBuilder::new("ゆきママ").email("yuki-mama@ezweb.ne.jp").area("富勢").insert(&app);
        let (member_id, to) = (yuki.id, yuki.posting_address(&app));
        assert_eq!(crate::helpers::mail::mail_in(&app.database_url, &to, &crate::helpers::mail::fixture("au-photo-gps.eml"), &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let post = Thread::of_member(&mut conn, member_id, 1).unwrap().pop().expect("a post from the mail");
        let area = Area::all(&mut conn).unwrap().into_iter().find(|a| a.name == "富勢").unwrap();
        assert_eq!((post.category, post.area_id), (Some(Category::Other), Some(area.id)));
        assert_eq!(post.profile, "au", "the sender's carrier");
        drop(conn);
        let mut pc = signed_in(&app, ua::PC, &coordinator);
        let page = pc.get(&format!("/posts/{}", post.id)).text();
        assert!(page.contains("[その他] 富勢") && page.contains("（メール投稿）"), "{page}");
    }
}

db_test! {
    fn a_keypad_phone_gets_photo_fields_and_an_ezweb_phone_its_posting_address(app: Empty) {
        let (hana, _) = cast(&app);
        const GARAHO: &str = ua::GARAHO;
        assert_eq!(app.get("/device.json", GARAHO).json()["profile"], "garaho");
        let form = hana.sign_in(&app, GARAHO).get("/posts/new");
        assert!(form.text().contains("type=\"file\""), "{}", form.text());
        let form = hana.sign_in(&app, ua::AU).get("/posts/new");
        let text = form.sjis_text();
        assert!(!text.contains("type=\"file\"") && text.contains("post-"), "{text}");
    }
}

db_test! {
    fn a_member_deletes_her_own_post_from_a_keitai_and_no_one_else_can(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let mut pc = signed_in(&app, ua::PC, &hana);
        let id = post_from_pc(&mut pc, "まちがえて投稿", "消したい投稿です。");
        let mut coordinator = signed_in(&app, ua::PC, &coordinator);
        let page = coordinator.get(&format!("/posts/{id}"));
        assert!(!page.text().contains("この投稿を削除する"), "only the author gets the link");
        let sent = coordinator.submit(&page, &format!("/posts/{id}/comments"), &[("body", "コメントです")]);
        assert_eq!(sent.status, 302);
        assert_eq!(coordinator.get(&format!("/posts/{id}/delete")).status, 404, "another member's post");

        let mut phone = signed_in(&app, ua::DOCOMO_FOMA_2, &hana);
        let page = phone.get(&format!("/posts/{id}"));
        assert!(page.sjis_text().contains("この投稿を削除する"), "{}", page.sjis_text());
        let confirm = phone.get(&format!("/posts/{id}/delete"));
        assert_eq!(confirm.status, 200);
        assert!(confirm.is_shift_jis() && confirm.sjis_text().contains("元に戻せません"));
        assert!(confirm.body.len() <= budget(&app, ua::DOCOMO_FOMA_2));
        let done = phone.submit(&confirm, &format!("/posts/{id}/delete"), &[]);
        let list = phone.follow(&done);
        let text = list.sjis_text();
        assert!(text.contains("投稿を削除しました") && !text.contains("まちがえて投稿"), "{text}");
        assert_eq!(phone.get(&format!("/posts/{id}")).status, 404);

        let mut conn = app.pool.get().unwrap();
        assert!(Thread::find(&mut conn, id).unwrap().is_none());
        assert!(ThreadComment::of_thread(&mut conn, id, true).unwrap().is_empty(), "its comments went with it");
    }
}

db_test! {
    fn a_coordinator_keeps_a_reported_post_up_and_a_hide_settles_its_reports(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let mut hana = signed_in(&app, ua::PC, &hana);
        let id = post_from_pc(&mut hana, "駅前の一時預かり", "土曜も預かってくれました。");
        let yui = MemberBuilder::new("ゆいママ").insert(&app);
        let mut yui = signed_in(&app, ua::PC, &yui);
        let page = yui.get(&format!("/posts/{id}"));
        yui.submit(&page, &format!("/posts/{id}/report"), &[("reason", "宣伝では？")]);

        let mut coordinator = signed_in(&app, ua::PC, &coordinator);
        let admin = coordinator.get("/admin/posts");
        assert!(admin.text().contains("通報1件") && admin.text().contains("宣伝では？"), "{}", admin.text());
        let kept = coordinator.submit_picked(&admin, &[("id", &id.to_string())], &[]);
        assert!(kept.header("location").is_some_and(|l| l.contains("/admin/posts?done=resolved")));
        let admin = coordinator.follow(&kept);
        let text = admin.text();
        assert!(text.contains("通報を確認済みにしました") && !text.contains("通報1件") && !text.contains("宣伝では？"), "{text}");
        assert_eq!(hana.get(&format!("/posts/{id}")).status, 200, "the post stays up");

        // A new report opens it again, with only the new reason; hiding settles it.
        let sakura = MemberBuilder::new("さくらばあば").carrier(Carrier::Au).insert(&app);
        let mut sakura = signed_in(&app, ua::AU, &sakura);
        let page = sakura.get(&format!("/posts/{id}"));
        let raw = format!("reason={}", percent_encode(&encoding_rs::SHIFT_JIS.encode("電話番号が違います").0));
        assert_eq!(sakura.submit_raw(&page, &format!("/posts/{id}/report"), &raw).status, 302);
        let admin = coordinator.get("/admin/posts");
        let text = admin.text();
        assert!(text.contains("通報1件") && text.contains("電話番号が違います") && !text.contains("宣伝では？"), "{text}");
        let page = coordinator.get(&format!("/posts/{id}"));
        coordinator.submit_picked(&page, &[("target", "post")], &[("reason", "確認中")]);
        assert!(!coordinator.get("/admin/posts").text().contains("通報1件"), "hiding settled the report");
    }
}

db_test! {
    fn the_longest_post_continues_over_pages_that_fit_a_5_kb_mova(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let body: String = "柏の葉公園の桜並木がきれいでした。".chars().cycle().take(2_000).collect();
        let id = PostBuilder::new(hana.id, "とても長い投稿").body(&body).comment(coordinator.id, "読みごたえがありました").insert(&app);
        let limit = budget(&app, ua::DOCOMO_MOVA_5K);
        let mut phone = hana.sign_in(&app, ua::DOCOMO_MOVA_5K);
        let mut pages = Vec::new();
        for n in 1..=20 {
            let page = phone.get(&format!("/posts/{id}?page={n}"));
            assert_eq!(page.status, 200);
            assert!(page.body.len() <= limit, "page {n}: {} bytes > {limit}", page.body.len());
            let text = page.sjis_text();
            let more = text.contains("次へ");
            pages.push(text);
            if !more {
                break;
            }
        }
        assert!(pages.len() > 1, "2,000 characters do not fit one 5 KB page");
        let all = pages.concat();
        let pieces: Vec<String> = body.chars().collect::<Vec<_>>().chunks(150).map(|c| c.iter().collect()).collect();
        assert!(pieces.iter().all(|p| all.contains(p.as_str())), "every piece of the text is on some page");
        let last = pages.last().unwrap();
        assert!(last.contains("コメント（1件）") && last.contains("読みごたえがありました"), "{last}");
    }
}

db_test! {
    fn the_post_page_keeps_delete_by_the_byline_offers_reports_to_others_and_leads_back(app: Empty) {
        let (hana, coordinator) = cast(&app);
        let mut phone = signed_in(&app, ua::IPHONE, &hana);
        let id = post_from_pc(&mut phone, "公園の写真", "噴水が直りました。");
        let text = phone.get(&format!("/posts/{id}")).text();
        let delete = text.find("この投稿を削除する").expect("the author's delete link");
        assert!(delete < text.find("コメント（").expect("comments heading"), "delete sits above the comments: {text}");
        assert!(!text.contains("不適切な投稿を知らせる"), "no report of her own post: {text}");
        assert!(text.contains("href=\"/posts\"") && text.contains("投稿の一覧へ"), "{text}");
        assert!(text.contains("img{max-width:100%;height:auto}"), "photos fit a phone's width");

        let mut other = signed_in(&app, ua::PC, &coordinator);
        let text = other.get(&format!("/posts/{id}")).text();
        assert!(text.contains("不適切な投稿を知らせる") && !text.contains("この投稿を削除する"), "{text}");
    }
}

db_test! {
    fn photo_renditions_snap_to_a_few_widths_and_never_exceed_the_original(app: Empty) {
        let (hana, _) = cast(&app);
        let bytes = crate::helpers::data_file("photos/gps-orientation6.jpg");
        let mut phone = signed_in(&app, ua::IPHONE, &hana);
        let form = phone.get("/posts/new");
        let sent = phone.upload(
            &form,
            "/posts/new",
            &[("title", "ひまわり畑"), ("body", "見頃です"), ("category", "play")],
            ("photo", "IMG_0001.jpg", &bytes),
        );
        let id = post_id(&sent);
        let photo = {
            let mut conn = app.pool.get().unwrap();
            PhotoInfo::of_thread(&mut conn, id).unwrap().remove(0)
        };
        let original_width = u32::try_from(photo.width).unwrap();
        let signed = hana.sign_in(&app, ua::SOFTBANK);
        let cookie = signed.browser.cookie().expect("a SoftBank handset keeps cookies").to_string();
        // A SoftBank handset says its screen width in X-JPHONE-DISPLAY; anyone can claim any.
        let claims = [96, 100, 150, 200, 201, 202, 230, 239, 240, 250, 300, 333, 1000, 2000, 4000, 4096];
        for claimed in claims {
            let mut handset = Browser::new(&app, ua::SOFTBANK)
                .with_header("X-JPHONE-DISPLAY", &format!("{claimed}*320"))
                .with_header("Cookie", &cookie);
            let response = handset.get(&format!("/photos/{}", photo.id));
            assert_eq!(response.status, 200, "{claimed}");
            let served = image::load_from_memory(&response.body).expect("an image").width();
            assert!(served <= claimed && served <= original_width, "{served} px for a {claimed} px screen");
        }
        let kept: Vec<i32> = {
            use diesel::prelude::*;
            use hiroba::db::schema::photo_renditions::dsl::{max_width, photo_id, photo_renditions};
            let mut conn = app.pool.get().unwrap();
            photo_renditions
                .filter(photo_id.eq(photo.id))
                .select(max_width)
                .load(&mut *conn)
                .unwrap()
        };
        // Sixteen claims, at most one rendition per width bucket up to the original's width.
        assert!(kept.len() <= 7, "{} renditions kept: {kept:?}", kept.len());
        assert!(kept.iter().all(|&w| w <= photo.width), "{kept:?} wider than {}", photo.width);
    }
}

db_test! {
    fn the_moderation_page_has_no_heading_over_an_empty_log(app: Empty) {
        let (hana, coordinator) = cast(&app);
        PostBuilder::new(hana.id, "公園の砂場").insert(&app);
        let mut pc = signed_in(&app, ua::PC, &coordinator);
        let admin = pc.get("/admin/posts").text();
        assert!(admin.contains("公園の砂場") && !admin.contains("最近の対応"), "{admin}");
    }
}
