//! 活動の月報 (a supporter's own, keitai first): her totals of the month, then her activities and
//! the cancellation fees passed on to her, paged to the phone. Families appear by nickname only.

use crate::components::{footer, link, pager, separator, subheading, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct OwnStatementView {
    /// `2026-12`, 「2026年12月」 and the neighbours' keys.
    pub month_key: String,
    pub month_label: String,
    pub prev: String,
    pub next: String,
    pub activities: u32,
    pub awaiting: u32,
    /// 「12時間30分」
    pub hours: String,
    /// 「1,400円」
    pub fees: String,
    pub cancellations: u32,
    pub cancellation: String,
    pub total: String,
}

/// One line: 「12/03（木）9:00〜11:00 送迎 はなママさん 120分 1,400円 確認待ち」.
#[derive(Debug, Clone)]
pub struct OwnLine {
    pub date: String,
    pub time: String,
    pub kind: String,
    pub family_nickname: String,
    pub minutes: i64,
    pub fee: String,
    pub state: String,
}

pub fn own_line(line: &OwnLine) -> Markup {
    html! {
        div {
            (line.date) " " (line.time) br;
            (line.kind) " " (crate::text::san(&line.family_nickname)) " " (line.minutes) "分 " (line.fee)
            @if line.state != "確認済み" { " " (line.state) }
        }
    }
}

pub fn own_statement(ctx: &Ctx, view: &OwnStatementView, list: &ListPage<'_>) -> String {
    let at = |key: &str| format!("/support/statement?month={key}");
    page(
        ctx,
        &format!("活動の月報 {}", view.month_label),
        html! {
            div {
                "活動 " (view.activities) "件"
                @if view.awaiting > 0 { "（確認待ち" (view.awaiting) "件）" }
                br;
                "時間 " (view.hours) br;
                "活動費 " (view.fees) br;
                @if view.cancellations > 0 { "キャンセル料 " (view.cancellations) "件 " (view.cancellation) br; }
                "合計 " (view.total)
            }
            (subheading(ctx, "活動"))
            @if list.items.is_empty() { div { "この月の活動はありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &at(&view.month_key), list.page, list.pages))
            (separator(ctx))
            div { (link(ctx, &at(&view.prev), "前の月", Some(4))) " " (link(ctx, &at(&view.next), "次の月", Some(6))) }
            div { (link(ctx, "/support", "送迎・あずかり支援", Some(9))) }
            (footer(ctx))
        },
    )
}
