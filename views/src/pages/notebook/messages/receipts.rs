//! `/notebook/schools/{school}/messages/{id}`: a message's receipts class by class (read/total and
//! the unread guardians with their children), the answers link and 「未読の方に再送する」.

use crate::components::{alert, footer, form, link, pager, subheading, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct ClassReceipt {
    /// 「2年1組」.
    pub label: String,
    pub read: usize,
    pub total: usize,
    /// 「はなママさん（ゆうた）」, and ※ when no mail reaches her.
    pub unread: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ReceiptsView {
    pub school_id: i64,
    pub thread_id: i64,
    pub title: String,
    pub kind: String,
    /// 「12/03 07:30 送信」 or 「12/10 07:30 送信予定」.
    pub when: String,
    pub sent: bool,
    pub read: usize,
    pub total: usize,
    pub asks_answers: bool,
    pub notice: Option<String>,
}

pub fn class_item(c: &ClassReceipt) -> Markup {
    html! {
        div {
            (c.label) " 既読 " (c.read) "/" (c.total)
            @for name in &c.unread { br; "・未読 " (name) }
        }
    }
}

pub fn receipts_page(ctx: &Ctx, view: &ReceiptsView, list: &ListPage<'_>) -> String {
    let base = format!("/notebook/schools/{}/messages/{}", view.school_id, view.thread_id);
    page(
        ctx,
        "既読の確認",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            div { "[" (view.kind) "] " (view.title) }
            div { (view.when) }
            @if view.sent {
                div { "既読 " (view.read) "/" (view.total) }
                @if view.asks_answers {
                    div { (link(ctx, &format!("{base}/answers"), "回答を見る", Some(2))) }
                }
                (subheading(ctx, "クラスごと"))
                @for item in list.items { (item) }
                (pager(ctx, &base, list.page, list.pages))
                @if view.read < view.total {
                    (form(ctx, &format!("{base}/remind"), true, html! { (submit("未読の方に再送する")) }))
                    div { "再送は同じ方に1時間に1回までです。※はメールの届かない方です。" }
                }
            } @else {
                div { "まだ送信していません。" }
            }
            div { (link(ctx, &format!("/notebook/schools/{}/messages", view.school_id), "送ったお知らせ", Some(9))) }
            (footer(ctx))
        },
    )
}
