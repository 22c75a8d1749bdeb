//! イベントの管理 (coordinators): the list of events with a form to add one, or the form to edit one.

use crate::components::{alert, footer, form, label, link, select, subheading, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

/// An event's fields as typed (an edit form shows them again after an error).
#[derive(Debug, Clone, Default)]
pub struct EventForm {
    pub title: String,
    /// "2026-12-03"
    pub date: String,
    /// "10:00" or empty.
    pub start: String,
    pub end: String,
    pub place: String,
    pub area: String,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct AdminEventRow {
    pub id: i64,
    /// 「12/03（水）」
    pub day: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct AdminEventsView {
    pub rows: Vec<AdminEventRow>,
    pub areas: Vec<(String, String)>,
    /// The form's values and the address it posts to.
    pub form: EventForm,
    pub action: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

fn event_fields(ctx: &Ctx, areas: &[(String, String)], f: &EventForm) -> Markup {
    html! {
        (label("題名"))
        (text_input(ctx, "title", &f.title, InputKind::Japanese, 30))
        (label("日付（例 2026-12-03）"))
        (text_input(ctx, "date", &f.date, InputKind::Number, 10))
        (label("開始・終了（例 10:00、空欄可）"))
        (text_input(ctx, "start", &f.start, InputKind::Number, 5))
        "〜"
        (text_input(ctx, "end", &f.end, InputKind::Number, 5))
        (label("場所"))
        (text_input(ctx, "place", &f.place, InputKind::Japanese, 30))
        (label("地域"))
        (select("area", areas, &f.area))
        (label("内容"))
        (text_area(ctx, "body", &f.body, 5))
    }
}

/// The list with a form to add an event, or the form to edit one (`view.action`).
pub fn admin_events(ctx: &Ctx, view: &AdminEventsView, editing: Option<i64>) -> String {
    console_page(
        ctx,
        if editing.is_some() {
            "イベントの編集"
        } else {
            "イベントの管理"
        },
        html! {
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (subheading(ctx, if editing.is_some() { "内容を直す" } else { "イベントを追加" }))
            (form(ctx, &view.action, true, html! {
                (event_fields(ctx, &view.areas, &view.form))
                (submit(if editing.is_some() { "保存" } else { "追加" }))
            }))
            @if let Some(id) = editing {
                (form(ctx, &format!("/admin/events/{id}/delete"), true, html! {
                    (submit("このイベントを削除"))
                }))
            }
            (subheading(ctx, "登録済みのイベント"))
            @for row in &view.rows {
                div {
                    (row.day) " "
                    (link(ctx, &format!("/admin/events/{}", row.id), &row.title, None))
                }
            }
            div { (link(ctx, "/admin/facilities", "施設の管理", None)) }
            (footer(ctx))
        },
    )
}
