//! 施設の管理 (coordinators): the list of facilities with a form to add one, and one facility's
//! page to correct or delete it and to name or remove its staff.

use crate::components::{alert, footer, form, hidden, label, link, select, subheading, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

/// A facility's fields as typed (the form shows them again after an error).
#[derive(Debug, Clone, Default)]
pub struct FacilityForm {
    pub name: String,
    pub kind: String,
    pub address: String,
    /// An area id, or empty for none.
    pub area: String,
    pub phone: String,
    pub hours: String,
    pub note: String,
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
    /// (value, label) for the area select.
    pub areas: Vec<(String, String)>,
    /// The add form's values.
    pub form: FacilityForm,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// One member on a facility's staff.
#[derive(Debug, Clone)]
pub struct StaffRow {
    pub member_id: i64,
    pub nickname: String,
    pub address: String,
}

#[derive(Debug, Clone)]
pub struct FacilityEditView {
    pub id: i64,
    pub areas: Vec<(String, String)>,
    pub form: FacilityForm,
    pub staff: Vec<StaffRow>,
    /// The address typed into the add-staff form (kept after an error).
    pub staff_email: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

fn facility_fields(ctx: &Ctx, areas: &[(String, String)], f: &FacilityForm) -> Markup {
    html! {
        (label("名前")) (text_input(ctx, "name", &f.name, InputKind::Japanese, 30))
        (label("種類（例 児童館）")) (text_input(ctx, "kind", &f.kind, InputKind::Japanese, 20))
        (label("住所")) (text_input(ctx, "address", &f.address, InputKind::Japanese, 30))
        (label("地域")) (select("area", areas, &f.area))
        (label("電話（例 04-7100-0001）")) (text_input(ctx, "phone", &f.phone, InputKind::Number, 14))
        (label("開館時間")) (text_input(ctx, "hours", &f.hours, InputKind::Japanese, 30))
        (label("ひとこと")) (text_area(ctx, "note", &f.note, 3))
    }
}

/// The list: each facility links to its edit page and to its public page.
pub fn admin_facilities(ctx: &Ctx, view: &AdminFacilitiesView) -> String {
    console_page(
        ctx,
        "施設の管理",
        html! {
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            @for row in &view.rows {
                div {
                    (link(ctx, &format!("/admin/facilities/{}", row.id), &row.name, None))
                    "（" (row.kind) "・職員" (row.staff) "人）"
                    (link(ctx, &format!("/facilities/{}", row.id), "公開ページ", None))
                }
            }
            (subheading(ctx, "施設を追加"))
            (form(ctx, "/admin/facilities", true, html! {
                (facility_fields(ctx, &view.areas, &view.form))
                (submit("追加"))
            }))
            div { (link(ctx, "/admin/events", "イベントの管理", None)) }
            (footer(ctx))
        },
    )
}

/// One facility: its fields to correct, the delete button, its staff with a remove button each,
/// and the form to name more staff.
pub fn facility_edit(ctx: &Ctx, view: &FacilityEditView) -> String {
    let base = format!("/admin/facilities/{}", view.id);
    console_page(
        ctx,
        "施設の編集",
        html! {
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (subheading(ctx, "内容を直す"))
            (form(ctx, &base, true, html! {
                (facility_fields(ctx, &view.areas, &view.form))
                (submit("保存"))
            }))
            (subheading(ctx, "職員"))
            @if view.staff.is_empty() { div { "まだ登録されていません。" } }
            @for s in &view.staff {
                (form(ctx, &format!("{base}/staff/remove"), true, html! {
                    (s.nickname) @if !s.address.is_empty() { "（" (s.address) "）" }
                    (hidden("member", &s.member_id.to_string()))
                    (submit("外す"))
                }))
            }
            (form(ctx, &format!("{base}/staff"), true, html! {
                (label("職員のメールアドレス（確認済みの会員）"))
                (text_input(ctx, "email", &view.staff_email, InputKind::Latin, 24))
                (submit("職員に登録"))
            }))
            (subheading(ctx, "施設を削除"))
            div { "空き状況と職員の登録もいっしょに消えます。" }
            (form(ctx, &format!("{base}/delete"), true, html! {
                (submit("この施設を削除"))
            }))
            div { (link(ctx, &format!("/facilities/{}", view.id), "公開ページ", None)) }
            div { (link(ctx, "/admin/facilities", "一覧に戻る", None)) }
            (footer(ctx))
        },
    )
}
