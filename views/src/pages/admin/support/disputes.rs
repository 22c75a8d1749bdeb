//! `/admin/support/disputes`: activity reports a family disputed, with both sides' words, and the
//! coordinator's settlement (as reported, or with corrected times and transport).

use crate::components::{
    alert, checkbox, choice, footer, form, hidden, label, link, pager, separator, subheading, submit, text_input,
    ListPage,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

/// One disputed report.
#[derive(Debug, Clone)]
pub struct DisputeRow {
    pub request_id: i64,
    /// 「12/07（月）」
    pub day: String,
    pub family: String,
    pub supporter: String,
    /// Reported times.
    pub times: String,
    pub fee: String,
    /// The supporter's note.
    pub note: String,
    /// The family's words.
    pub reason: String,
}

/// One line of the list.
pub fn dispute_item(ctx: &Ctx, row: &DisputeRow) -> Markup {
    html! {
        div {
            (link(ctx, &format!("/admin/support/disputes/{}", row.request_id), &format!("{} {}", row.day, row.times), None))
            br;
            "依頼：" (row.family) " / 提供：" (row.supporter) " / " (row.fee)
            br;
            "ご家族：" (row.reason)
        }
    }
}

pub fn disputes(ctx: &Ctx, list: &ListPage<'_>, notice: Option<&str>) -> String {
    console_page(
        ctx,
        "活動報告の異議",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            @if list.items.is_empty() {
                div { "確認を待っている異議はありません。" }
            }
            @for item in list.items { (item) (separator(ctx)) }
            (pager(ctx, "/admin/support/disputes", list.page, list.pages))
            div { (link(ctx, "/admin/support", "送迎・あずかり支援の管理", Some(9))) }
            (footer(ctx))
        },
    )
}

/// One dispute with the forms that settle it.
#[derive(Debug, Clone)]
pub struct DisputeView {
    pub row: DisputeRow,
    /// The booked times.
    pub booked: String,
    pub fee_lines: Vec<String>,
    pub transport: String,
    pub start_hour: String,
    pub start_minute: String,
    pub end_hour: String,
    pub end_minute: String,
    pub next_day: bool,
    pub error: Option<String>,
    /// Settled already (by another coordinator).
    pub settled: bool,
}

pub fn dispute(ctx: &Ctx, view: &DisputeView) -> String {
    let row = &view.row;
    let action = format!("/admin/support/disputes/{}", row.request_id);
    let hours: Vec<String> = (0..24).map(|h| h.to_string()).collect();
    let minutes: Vec<String> = (0..60).step_by(5).map(|m| format!("{m:02}")).collect();
    console_page(
        ctx,
        "活動報告の異議",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (row.day) " 予定 " (view.booked) }
            div { "依頼会員：" (row.family) }
            div { "提供会員：" (row.supporter) }
            (subheading(ctx, "提供会員の報告"))
            div { "時間：" (row.times) }
            @for line in &view.fee_lines { div { (line) } }
            @if !row.note.is_empty() { div { "ひとこと：" (row.note) } }
            (subheading(ctx, "ご家族のことば"))
            div { (row.reason) }
            @if view.settled {
                div { "この異議は確定済みです。" }
            } @else {
                (subheading(ctx, "確定する"))
                (form(ctx, &action, true, html! {
                    (hidden("how", "as_reported"))
                    (submit("報告どおり確定"))
                }))
                (form(ctx, &action, true, html! {
                    (hidden("how", "corrected"))
                    (label("始まり"))
                    div { (choice("start_hour", &hours, &view.start_hour)) "時" (choice("start_minute", &minutes, &view.start_minute)) "分" }
                    (label("終わり"))
                    div { (choice("end_hour", &hours, &view.end_hour)) "時" (choice("end_minute", &minutes, &view.end_minute)) "分" }
                    (checkbox("next_day", "1", "翌日", view.next_day))
                    (label("交通費（円）"))
                    (text_input(ctx, "transport", &view.transport, InputKind::Number, 6))
                    (submit("訂正して確定（利用料を計算し直す）"))
                }))
            }
            (separator(ctx))
            div { (link(ctx, "/admin/support/disputes", "異議の一覧", Some(9))) }
            (footer(ctx))
        },
    )
}
