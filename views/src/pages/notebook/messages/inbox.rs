//! `/notebook/messages`: a guardian's messages, newest first, 未読 marked, paged to the device.

use crate::components::{footer, link, pager, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct InboxItem {
    pub thread_id: i64,
    pub title: String,
    pub kind: String,
    /// 「12/03」.
    pub when: String,
    pub unread: bool,
    /// 要回答.
    pub asks: bool,
}

pub fn inbox_line(ctx: &Ctx, item: &InboxItem) -> Markup {
    html! {
        div {
            @if item.unread { "【未読】" }
            (link(ctx, &format!("/notebook/messages/{}", item.thread_id), &item.title, None))
            br; (item.when) " " (item.kind) @if item.asks { " 要回答" }
        }
    }
}

pub fn inbox_page(ctx: &Ctx, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "学校からのお知らせ",
        html! {
            @if list.items.is_empty() { div { "まだお知らせはありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, "/notebook/messages", list.page, list.pages))
            div { (link(ctx, "/notebook", "連絡帳", Some(9))) }
            (footer(ctx))
        },
    )
}
