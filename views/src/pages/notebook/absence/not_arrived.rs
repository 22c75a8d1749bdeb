//! `/notebook/schools/{school}/not-arrived`: 未登校・連絡なし per class, each with 保護者に連絡済み.

use crate::components::{alert, footer, form, link, pager, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct NotArrivedView {
    pub school_id: i64,
    pub school: String,
    /// 「12/03（木） 09:05 現在」
    pub as_of: String,
    /// 「8:30」
    pub late_after: String,
    /// The late time has passed.
    pub started: bool,
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NotArrivedItem {
    pub child_id: i64,
    pub class: String,
    pub child: String,
    /// 「09:12」 once marked.
    pub contacted: Option<String>,
}

pub fn not_arrived_item(ctx: &Ctx, school_id: i64, item: &NotArrivedItem) -> Markup {
    let action = format!("/notebook/schools/{school_id}/not-arrived/{}/contacted", item.child_id);
    html! {
        div {
            "【" (item.class) "】" (item.child)
            @match &item.contacted {
                Some(at) => { br; "保護者に連絡済み " (at) }
                None => { (form(ctx, &action, true, html! { (submit("保護者に連絡済み")) })) }
            }
        }
    }
}

pub fn not_arrived(ctx: &Ctx, view: &NotArrivedView, list: &ListPage<'_>, count: usize) -> String {
    let base = format!("/notebook/schools/{}/not-arrived", view.school_id);
    page(
        ctx,
        "未登校・連絡なし",
        html! {
            div { (view.school) " " (view.as_of) }
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if !view.started {
                div { (view.late_after) "を過ぎると、登校の記録も欠席・遅刻の連絡もない児童をここに表示します。" }
            } @else if count == 0 {
                div { "登校の記録も連絡もない児童はいません。" }
            } @else {
                div { "登校の記録も欠席・遅刻の連絡もない児童：" (count) "人" }
                @for item in list.items { (item) }
                (pager(ctx, &base, list.page, list.pages))
            }
            div { (link(ctx, &format!("/notebook/schools/{}/absences", view.school_id), "今日の欠席連絡", Some(7))) }
            (footer(ctx))
        },
    )
}
