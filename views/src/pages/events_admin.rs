//! Coordinators' pages for the portal's public information: events and facilities.

use crate::components::{alert, footer, form, label, link, select, subheading, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
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
    page(
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

#[derive(Debug, Clone)]
pub struct AdminFacilityRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub staff: i64,
}

#[derive(Debug, Clone)]
pub struct AdminFacilitiesView {
    pub rows: Vec<AdminFacilityRow>,
    pub areas: Vec<(String, String)>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn admin_facilities(ctx: &Ctx, view: &AdminFacilitiesView) -> String {
    page(
        ctx,
        "施設の管理",
        html! {
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            @for row in &view.rows {
                div {
                    (link(ctx, &format!("/facilities/{}", row.id), &row.name, None))
                    "（" (row.kind) "・職員" (row.staff) "人）"
                    (form(ctx, &format!("/admin/facilities/{}/staff", row.id), true, html! {
                        "職員のメールアドレス"
                        (text_input(ctx, "email", "", InputKind::Latin, 24))
                        (submit("職員に登録"))
                    }))
                }
            }
            (subheading(ctx, "施設を追加"))
            (form(ctx, "/admin/facilities", true, html! {
                (label("名前")) (text_input(ctx, "name", "", InputKind::Japanese, 30))
                (label("種類（例 児童館）")) (text_input(ctx, "kind", "", InputKind::Japanese, 20))
                (label("住所")) (text_input(ctx, "address", "", InputKind::Japanese, 30))
                (label("地域")) (select("area", &view.areas, ""))
                (label("電話")) (text_input(ctx, "phone", "", InputKind::Number, 14))
                (label("開館時間")) (text_input(ctx, "hours", "", InputKind::Japanese, 30))
                (label("ひとこと")) (text_area(ctx, "note", "", 3))
                (submit("追加"))
            }))
            div { (link(ctx, "/admin/events", "イベントの管理", None)) }
            (footer(ctx))
        },
    )
}
