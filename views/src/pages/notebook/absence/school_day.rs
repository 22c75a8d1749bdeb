//! `/notebook/schools/{school}/absences`: a day's notices per class, each with 確認しました.

use crate::components::{alert, footer, form, hidden, link, pager, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct SchoolDayView {
    pub school_id: i64,
    pub school: String,
    /// 「12/03（木）」
    pub day_label: String,
    /// `2026-12-03`
    pub day: String,
    pub previous: String,
    pub next: String,
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SchoolAbsence {
    pub id: i64,
    /// 「2年1組」
    pub class: String,
    pub child: String,
    pub kind: String,
    pub reason: String,
    pub note: String,
    /// 「07:45 メール」
    pub received: String,
    /// 「08:10 田中先生」 once confirmed.
    pub confirmed: Option<String>,
}

pub fn school_absence(ctx: &Ctx, school_id: i64, day: &str, item: &SchoolAbsence) -> Markup {
    let action = format!("/notebook/schools/{school_id}/absences/{}/confirm", item.id);
    html! {
        div {
            "【" (item.class) "】" (item.child) " " (item.kind) "（" (item.reason) "）"
            @if !item.note.is_empty() { br; (item.note) }
            br; "受付 " (item.received)
            @match &item.confirmed {
                Some(by) => { br; "確認済み " (by) }
                None => {
                    (form(ctx, &action, true, html! {
                        (hidden("day", day))
                        (submit("確認しました"))
                    }))
                }
            }
        }
    }
}

pub fn school_day(ctx: &Ctx, view: &SchoolDayView, list: &ListPage<'_>, empty: bool) -> String {
    let base = format!("/notebook/schools/{}/absences", view.school_id);
    page(
        ctx,
        &format!("欠席連絡 {}", view.day_label),
        html! {
            div { (view.school) }
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if empty { div { "この日の欠席・遅刻・早退の連絡はありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &format!("{base}?day={}", view.day), list.page, list.pages))
            div {
                (link(ctx, &format!("{base}?day={}", view.previous), "前の日", Some(4)))
                " "
                (link(ctx, &format!("{base}?day={}", view.next), "次の日", Some(6)))
            }
            div { (link(ctx, &format!("/notebook/schools/{}/not-arrived", view.school_id), "未登校・連絡なし", Some(7))) }
            (footer(ctx))
        },
    )
}
