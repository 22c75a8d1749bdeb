//! `/notebook/schools/{school}/messages`: a school's messages, sent and scheduled, with their read
//! counts (「既読 38/52」), paged to the device.

use crate::components::{footer, link, pager, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct SentLine {
    pub thread_id: i64,
    pub school_id: i64,
    pub title: String,
    /// お便り or 連絡.
    pub kind: String,
    /// 「12/03 07:30」.
    pub when: String,
    /// Not sent yet: 予約.
    pub scheduled: bool,
    pub read: i64,
    pub total: i64,
}

pub fn sent_line(ctx: &Ctx, line: &SentLine) -> Markup {
    html! {
        div {
            (link(ctx, &format!("/notebook/schools/{}/messages/{}", line.school_id, line.thread_id), &line.title, None))
            br;
            "[" (line.kind) "] " (line.when) " "
            @if line.scheduled { "予約" } @else { "既読 " (line.read) "/" (line.total) }
        }
    }
}

pub fn sent_page(ctx: &Ctx, school_id: i64, school_name: &str, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "送ったお知らせ",
        html! {
            div { (school_name) }
            div { (link(ctx, &format!("/notebook/schools/{school_id}/messages/new"), "新しいお知らせ", Some(1))) }
            @if list.items.is_empty() { div { "まだありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &format!("/notebook/schools/{school_id}/messages"), list.page, list.pages))
            (footer(ctx))
        },
    )
}
