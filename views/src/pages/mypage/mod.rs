//! マイページ: the member's account, mail addresses and registered phone. The forms that change
//! her password and nickname are in `settings`.

pub mod settings;

use crate::components::{alert, footer, form, hidden, label, link, separator, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct AddressItem {
    pub id: i64,
    pub address: String,
    /// e.g. ドコモ, au, パソコン.
    pub carrier: String,
    pub primary: bool,
    pub verified: bool,
    /// None when mail arrives; else what the member should do.
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MyPageView {
    pub nickname: String,
    pub roles: Vec<String>,
    pub status: String,
    pub pending: bool,
    pub area: Option<String>,
    pub addresses: Vec<AddressItem>,
    pub phone_registered: bool,
    /// The member may approve others.
    pub staff: bool,
    /// The device is a carrier keitai that かんたんログイン can work for.
    pub phone_offer: bool,
    /// Staff: why かんたんログイン is off for everyone, if it is.
    pub easy_login_notice: Option<String>,
    pub notice: Option<String>,
    /// The secret posting address (approved members).
    pub posting_address: Option<String>,
    /// The member receives a child's pass mails or works at a school: link to 子どもの見守り.
    pub watch: bool,
    /// わたしの地域のイベント: the member's area, the next 2 weeks (shown when an area is set).
    pub area_events: Vec<crate::pages::portal::events::EventItem>,
    /// わたしのコミュニティ: (id, name) of the communities the member joined.
    pub communities: Vec<(i64, String)>,
}

pub fn mypage(ctx: &Ctx, view: &MyPageView) -> String {
    page(
        ctx,
        "マイページ",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            div { (crate::text::san(&view.nickname)) }
            div { "状態：" (view.status) }
            @if view.pending {
                div { "コーディネーターの承認をお待ちください。承認されるとメールでお知らせします。" }
            }
            div { "役割：" (view.roles.join("、")) }
            @if let Some(area) = &view.area { div { "地域：" (area) } }
            div {
                (link(ctx, "/mypage/nickname", "ニックネームの変更", None))
                " "
                (link(ctx, "/mypage/password", "パスワードの変更", None))
            }
            @if view.watch { div { (link(ctx, "/watch", "子どもの見守り", Some(3))) } }
            div { (link(ctx, "/mypage/magazine", "お知らせメールの設定", Some(4))) }
            @if !view.pending {
                div { (link(ctx, "/posts", "クチコミ", Some(6))) }
                div { (link(ctx, "/posts?mine=1", "わたしの投稿", Some(7))) }
            }
            @if let Some(notice) = view.easy_login_notice.as_deref().filter(|_| view.staff) {
                (alert(ctx, notice))
            }
            @if view.staff {
                // Without access keys: the member links above already use the number keys.
                @for (path, label) in [
                    ("/admin/members", "承認待ちの会員"),
                    ("/admin/mail", "メール配信状況"),
                    ("/admin/posts", "クチコミの管理"),
                    ("/admin/communities", "コミュニティの管理"),
                    ("/admin/magazine", "お知らせメール"),
                    ("/admin/stats", "利用状況"),
                    ("/admin/notices", "お知らせの管理"),
                    ("/admin/events", "イベントの管理"),
                    ("/admin/facilities", "施設の管理"),
                ] {
                    div { (link(ctx, path, label, None)) }
                }
            }
            @if !view.pending {
                (subheading(ctx, "わたしのコミュニティ"))
                @for (id, name) in &view.communities {
                    div { (link(ctx, &format!("/communities/{id}"), name, None)) }
                }
                @if view.communities.is_empty() { div { "まだ参加していません。" } }
                div { (link(ctx, "/communities", "コミュニティをさがす", None)) }
            }
            @if view.area.is_some() {
                (crate::pages::portal::events::event_block(ctx, "わたしの地域のイベント", &view.area_events, "/events"))
            }
            (subheading(ctx, "メールアドレス"))
            @for a in &view.addresses {
                div {
                    (a.address) "（" (a.carrier) "）"
                    @if a.primary { "［メイン］" }
                    @if !a.verified { "［確認待ち］" }
                }
                @if let Some(problem) = &a.problem {
                    (alert(ctx, problem))
                    (link(ctx, "/help/mail", "メールが届かないときは", None))
                }
                @if a.verified {
                    (form(ctx, "/mypage/addresses/test", true, html! {
                        (hidden("id", &a.id.to_string())) (submit("テストメールを送る"))
                    }))
                }
                @if a.verified && !a.primary {
                    (form(ctx, "/mypage/addresses/primary", true, html! {
                        (hidden("id", &a.id.to_string())) (submit("メインにする"))
                    }))
                }
                @if !a.primary {
                    (form(ctx, "/mypage/addresses/remove", true, html! {
                        (hidden("id", &a.id.to_string())) (submit("削除"))
                    }))
                }
            }
            (form(ctx, "/mypage/addresses", true, html! {
                (label("アドレスを追加"))
                (text_input(ctx, "email", "", InputKind::Latin, 20))
                (submit("追加"))
            }))
            @if let Some(posting) = &view.posting_address {
                (separator(ctx))
                (subheading(ctx, "メールで投稿"))
                div { "次のアドレスに、登録したアドレスからメールを送ると投稿できます（写真は3枚まで）。ほかの人には教えないでください。" }
                div { a href=(format!("mailto:{posting}")) { (posting) } }
                div { img src=(ctx.url("/qr/posting")) alt="投稿用アドレスのQRコード"; }
                (form(ctx, "/mypage/posting/renew", true, html! {
                    (submit("投稿用アドレスを新しくする"))
                }))
            }
            (separator(ctx))
            @if view.phone_offer || view.phone_registered {
                (subheading(ctx, "かんたんログイン"))
                @if view.phone_registered {
                    div { "このアカウントにはケータイが登録されています。" }
                }
                // Only a carrier keitai has an id to register.
                @if view.phone_offer {
                    (link(ctx, "/mypage/phone", "このケータイを登録する", Some(5)))
                }
            }
            (footer(ctx))
        },
    )
}

#[derive(Debug, Clone)]
pub struct PhoneView {
    /// Why this phone cannot be registered now, if it cannot.
    pub unavailable: Option<String>,
    /// The path the register form posts to (docomo's carries `guid=ON`).
    pub action: String,
    pub registered: bool,
}

pub fn phone(ctx: &Ctx, view: &PhoneView) -> String {
    page(
        ctx,
        "かんたんログインの登録",
        html! {
            div { "登録すると、このケータイからはパスワードなしでログインできます。" }
            div { "お子さまの情報を見るときは、安全のためパスワードを一度だけ入力していただきます。" }
            @match &view.unavailable {
                Some(reason) => { (alert(ctx, reason)) }
                None => {
                    (form(ctx, &view.action, true, html! { (submit("このケータイを登録する")) }))
                }
            }
            @if view.registered {
                (form(ctx, "/mypage/phone/remove", true, html! { (submit("登録したケータイをすべて解除")) }))
            }
            (footer(ctx))
        },
    )
}
