//! `/support/availability`: a 提供会員's week as text, her dated exceptions, and the small forms
//! (one weekday, one date) that change them from a keitai: hour and minute selects in 30-minute
//! steps, two bands at most.

use crate::components::{
    alert, checkbox, choice, footer, form, hidden, label, link, pager, submit, text_input, ListPage,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

/// The hour select's value for "no time".
pub const NO_HOUR: &str = "--";

/// One time as two selects: hour (「--」, 00–24) and minute (00, 30).
#[derive(Debug, Clone)]
pub struct TimeField {
    pub hour: String,
    pub minute: String,
}

impl Default for TimeField {
    fn default() -> Self {
        TimeField {
            hour: NO_HOUR.to_string(),
            minute: "00".to_string(),
        }
    }
}

/// Two bands, as typed or stored: (from, until) each.
#[derive(Debug, Clone, Default)]
pub struct BandsForm {
    pub bands: [(TimeField, TimeField); 2],
}

/// The names of a band's four selects: `a_from_h`, `a_from_m`, `a_until_h`, `a_until_m`, then `b_…`.
pub const BAND_NAMES: [&str; 2] = ["a", "b"];

fn time_select(name: &str, field: &TimeField) -> Markup {
    let hours: Vec<String> = std::iter::once(NO_HOUR.to_string())
        .chain((0..=24).map(|h| format!("{h:02}")))
        .collect();
    let minutes = ["00".to_string(), "30".to_string()];
    html! {
        (choice(&format!("{name}_h"), &hours, &field.hour)) ":"
        (choice(&format!("{name}_m"), &minutes, &field.minute))
    }
}

fn bands_fields(form: &BandsForm) -> Markup {
    html! {
        @for (i, (from, until)) in form.bands.iter().enumerate() {
            @let name = BAND_NAMES[i];
            div {
                (time_select(&format!("{name}_from"), from)) "〜"
                (time_select(&format!("{name}_until"), until))
            }
        }
    }
}

/// One dated exception in the list.
#[derive(Debug, Clone)]
pub struct DayItem {
    /// 「2026-12-24」, the remove form's value.
    pub day: String,
    /// 「12/24（木） 終日不可」
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct AvailabilityView {
    /// (weekday index 0 = 月, 「月 09:00〜12:00、15:00〜18:00」) for the seven days.
    pub week: Vec<(u8, String)>,
    pub notice: Option<String>,
}

pub fn day_item(ctx: &Ctx, item: &DayItem) -> Markup {
    html! {
        (form(ctx, "/support/availability/days/remove", true, html! {
            (item.text) " " (hidden("day", &item.day)) (submit("取り消す"))
        }))
    }
}

pub fn availability(ctx: &Ctx, view: &AvailabilityView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "活動できる日時",
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            div { "毎週の予定（曜日を選ぶと変更できます）" }
            @for (day, text) in &view.week {
                div { (link(ctx, &format!("/support/availability/weekday/{day}"), text, None)) }
            }
            div { "日付ごとの予定（毎週の予定より優先）" }
            @if list.items.is_empty() { div { "ありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, "/support/availability", list.page, list.pages))
            div { (link(ctx, "/support/availability/days", "日付ごとの予定を追加", Some(1))) }
            div { (link(ctx, "/support", "送迎・あずかり支援へ", None)) }
            (footer(ctx))
        },
    )
}

#[derive(Debug, Clone)]
pub struct WeekdayView {
    pub weekday: u8,
    /// 「月曜日」
    pub name: String,
    pub form: BandsForm,
    pub error: Option<String>,
}

pub fn weekday_form(ctx: &Ctx, view: &WeekdayView) -> String {
    page(
        ctx,
        &format!("{}の予定", view.name),
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "活動できる時間を2つまで選んでください。「--」は使いません。" }
            (form(ctx, &format!("/support/availability/weekday/{}", view.weekday), true, html! {
                (bands_fields(&view.form))
                div { (submit("保存する")) }
            }))
            div { (link(ctx, "/support/availability", "活動できる日時へ", None)) }
            (footer(ctx))
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct DayForm {
    /// 「2026-12-24」 as typed.
    pub day: String,
    /// 終日不可 checked.
    pub off: bool,
    pub bands: BandsForm,
}

#[derive(Debug, Clone)]
pub struct DayView {
    pub form: DayForm,
    pub error: Option<String>,
}

pub fn day_form(ctx: &Ctx, view: &DayView) -> String {
    page(
        ctx,
        "日付ごとの予定",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (form(ctx, "/support/availability/days", true, html! {
                (label("日付（例 2026-12-24）"))
                (text_input(ctx, "day", &view.form.day, InputKind::Number, 10))
                (checkbox("off", "1", "終日不可", view.form.off))
                (label("または、この日に活動できる時間"))
                (bands_fields(&view.form.bands))
                div { (submit("保存する")) }
            }))
            div { (link(ctx, "/support/availability", "活動できる日時へ", None)) }
            (footer(ctx))
        },
    )
}
