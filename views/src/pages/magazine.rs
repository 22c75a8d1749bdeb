//! 地域のお知らせメール: a member's choice of areas and topics (every device), and the
//! coordinators' pages to write a notice, preview it as each carrier receives it, and send it.

use crate::components::{
    alert, checkbox, footer, form, label, link, select, subheading, submit, text_area, text_input,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// A check box choice: (value, label, checked).
pub type Choice = (String, String, bool);

pub fn magazine_settings(ctx: &Ctx, areas: &[Choice], topics: &[Choice], notice: Option<&str>) -> String {
    page(
        ctx,
        "お知らせメールの設定",
        html! {
            @if let Some(notice) = notice { div { (notice) } }
            div { "選んだ地域とテーマのお知らせを、登録したメールアドレスにお送りします。" }
            (form(ctx, "/mypage/magazine", true, html! {
                (label("テーマ"))
                @for (value, name, checked) in topics { (checkbox("topic", value, name, *checked)) }
                (label("地域"))
                @for (value, name, checked) in areas { (checkbox("area", value, name, *checked)) }
                (submit("保存する"))
            }))
            div { (link(ctx, "/mypage", "マイページへ戻る", Some(0))) }
            (footer(ctx))
        },
    )
}

/// A notice on the coordinators' list.
#[derive(Debug, Clone)]
pub struct MagazineRow {
    pub id: i64,
    pub title: String,
    pub topic: String,
    /// 「11/21 10:05 送信（123 件）」 or 「未送信」
    pub state: String,
}

pub fn magazine_list(
    ctx: &Ctx,
    rows: &[MagazineRow],
    areas: &[Choice],
    topics: &[(String, String)],
    error: Option<&str>,
) -> String {
    page(
        ctx,
        "お知らせメール",
        html! {
            (subheading(ctx, "新しいお知らせ"))
            @if let Some(error) = error { (alert(ctx, error)) }
            (form(ctx, "/admin/magazine", true, html! {
                (label("件名")) (text_input(ctx, "title", "", InputKind::Japanese, 30))
                (label("本文")) (text_area(ctx, "body", "", 8))
                (label("テーマ")) (select("topic", topics, ""))
                (label("送る地域"))
                @for (value, name, checked) in areas { (checkbox("area", value, name, *checked)) }
                (submit("下書きを保存して確認する"))
            }))
            (subheading(ctx, "これまでのお知らせ"))
            @if rows.is_empty() { div { "まだありません。" } }
            @for row in rows {
                div { (link(ctx, &format!("/admin/magazine/{}", row.id), &row.title, None)) "（" (row.topic) "・" (row.state) "）" }
            }
            (footer(ctx))
        },
    )
}

/// One carrier's view of the notice.
#[derive(Debug, Clone)]
pub struct CarrierPreview {
    pub carrier: String,
    pub charset: String,
    pub bytes: usize,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct MagazinePreview {
    pub id: i64,
    pub title: String,
    pub topic: String,
    pub areas: String,
    pub recipients: usize,
    /// None: not sent yet.
    pub sent: Option<String>,
    pub previews: Vec<CarrierPreview>,
    pub notice: Option<String>,
}

pub fn magazine_preview(ctx: &Ctx, view: &MagazinePreview) -> String {
    page(
        ctx,
        "お知らせメールの確認",
        html! {
            @if let Some(notice) = &view.notice { div { strong { (notice) } } }
            div { "件名：" (view.title) }
            div { "テーマ：" (view.topic) "　地域：" (view.areas) }
            @match &view.sent {
                Some(sent) => { div { (sent) } }
                None if view.recipients == 0 => {
                    (alert(ctx, "送信先：0 件。このテーマと地域を選んだ会員がまだいないため、送信できません。"))
                }
                None => {
                    div { "送信先：" (view.recipients) " 件（テーマと地域を選んだ会員）" }
                    (form(ctx, &format!("/admin/magazine/{}/send", view.id), true, html! {
                        (submit(&format!("{} 件に送信する", view.recipients)))
                    }))
                }
            }
            (subheading(ctx, "各キャリアでの見え方"))
            @for p in &view.previews {
                h3 { (p.carrier) "（" (p.charset) "、" (p.bytes) " バイト）" }
                div { "件名：" (p.subject) }
                pre { (p.body) }
            }
            div { (link(ctx, "/admin/magazine", "お知らせメールの一覧へ", None)) }
            (footer(ctx))
        },
    )
}

/// Where the one-click unsubscribe page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsubscribe {
    /// The link is good: a button confirms (a mail scanner that opens the link stops nothing).
    Confirm,
    /// Done.
    Stopped,
    /// Not one of our links (mistyped or cut off on a keitai).
    Unknown,
}

pub fn unsubscribe_page(ctx: &Ctx, action: &str, state: Unsubscribe) -> String {
    page(
        ctx,
        "お知らせメールの配信停止",
        html! {
            @match state {
                Unsubscribe::Confirm => {
                    div { "地域のお知らせメールの配信を止めます。よろしければボタンを押してください。" }
                    (form(ctx, action, true, html! { (submit("配信を止める")) }))
                }
                Unsubscribe::Stopped => {
                    div { "お知らせメールの配信を止めました。これからは届きません。" }
                    div { "また受け取りたいときは、マイページの「お知らせメールの設定」で選び直せます。" }
                }
                Unsubscribe::Unknown => {
                    (alert(ctx, "このリンクは使えません。メールにあるリンクを、最後まで正しく開いてください。"))
                    div { "ログインして、マイページの「お知らせメールの設定」からも止められます。" }
                }
            }
            (footer(ctx))
        },
    )
}
