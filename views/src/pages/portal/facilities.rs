//! 子育て施設: the facility list, one facility with its 一時預かり空き状況, and the staff's form
//! to update the vacancies.

use crate::components::{alert, footer, form, label, link, pager, select, subheading, submit, text_input, ListPage};
use crate::ctx::{Ctx, Flavor, InputKind};
use crate::layout::page;
use maud::{html, Markup};

/// One line of the facility list.
#[derive(Debug, Clone)]
pub struct FacilityItem {
    pub id: i64,
    pub name: String,
    /// 「児童館・柏中央」
    pub what: String,
}

pub fn facility_item(ctx: &Ctx, item: &FacilityItem) -> Markup {
    html! {
        div {
            (link(ctx, &format!("/facilities/{}", item.id), &item.name, None))
            br;
            "(" (item.what) ")"
        }
    }
}

#[derive(Debug, Clone)]
pub struct FacilitiesView {
    pub base: String,
    /// (id, name); "" is every area.
    pub areas: Vec<(String, String)>,
    pub area: String,
    /// (kind, kind); "" is every kind.
    pub kinds: Vec<(String, String)>,
    pub kind: String,
}

pub fn facilities_page(ctx: &Ctx, view: &FacilitiesView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "子育て施設",
        html! {
            @if list.items.is_empty() { div { "該当する施設はありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &view.base, list.page, list.pages))
            (form(ctx, "/facilities", false, html! {
                (select("area", &view.areas, &view.area))
                (select("kind", &view.kinds, &view.kind))
                (submit("絞る"))
            }))
            (link(ctx, "/events", "イベント", Some(5)))
            (footer(ctx))
        },
    )
}

/// One day's two half-days on the facility page.
#[derive(Debug, Clone)]
pub struct SlotDay {
    /// 「12/03（水）」
    pub day: String,
    /// 午前, 午後: 「残り2」「満員」「－」 (not entered).
    pub morning: String,
    pub afternoon: String,
}

#[derive(Debug, Clone)]
pub struct FacilityView {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub area: String,
    pub address: String,
    /// Digits and hyphens as shown; `tel` is the digits for the link.
    pub phone: String,
    pub tel: String,
    pub hours: String,
    pub note: String,
    pub slots: Vec<SlotDay>,
    /// The visitor may update the vacancies (staff of this facility or a coordinator).
    pub can_update: bool,
}

pub fn facility_page(ctx: &Ctx, view: &FacilityView) -> String {
    page(
        ctx,
        &view.name,
        html! {
            div { (view.kind) @if !view.area.is_empty() { "・" (view.area) } }
            div { "住所：" (view.address) }
            div { "時間：" (view.hours) }
            // A plain tel: link: i-mode, EZweb and SoftBank browsers all dial it, and it never
            // carries a sid (so it is not one of our URLs nor an external one through /out).
            @if !view.tel.is_empty() { div { "電話：" a href={ "tel:" (view.tel) } { (view.phone) } } }
            @if !view.note.is_empty() { div { (view.note) } }
            (subheading(ctx, "一時預かり空き状況"))
            (slot_table(ctx, &view.slots))
            @if view.can_update {
                (link(ctx, &format!("/facilities/{}/slots", view.id), "空き状況を更新", Some(1)))
            }
            div { (link(ctx, "/facilities", "施設一覧へ", Some(9))) }
            (footer(ctx))
        },
    )
}

/// A table on PC and smartphone; one short line per half-day on keitai (「12/03（水）午前 残り2」).
fn slot_table(ctx: &Ctx, days: &[SlotDay]) -> Markup {
    if ctx.flavor == Flavor::Html5 {
        html! {
            table {
                tr { th { "日" } th { "午前" } th { "午後" } }
                @for d in days { tr { td { (d.day) } td { (d.morning) } td { (d.afternoon) } } }
            }
        }
    } else {
        html! {
            @for d in days {
                (d.day) "午前 " (d.morning) br;
                (d.day) "午後 " (d.afternoon) br;
            }
        }
    }
}

/// One field of the staff's form: its name, the label and the current count ("" if not entered).
#[derive(Debug, Clone)]
pub struct SlotField {
    pub name: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct SlotsFormView {
    pub id: i64,
    pub name: String,
    pub fields: Vec<SlotField>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn slots_form(ctx: &Ctx, view: &SlotsFormView) -> String {
    page(
        ctx,
        "空き状況の更新",
        html! {
            div { (view.name) }
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (label("残りの人数（空欄は未定）"))
            (form(ctx, &format!("/facilities/{}/slots", view.id), true, html! {
                @for f in &view.fields {
                    (f.label) (text_input(ctx, &f.name, &f.value, InputKind::Number, 2)) br;
                }
                (submit("更新する"))
            }))
            div { (link(ctx, &format!("/facilities/{}", view.id), "施設のページへ", Some(9))) }
            (footer(ctx))
        },
    )
}
