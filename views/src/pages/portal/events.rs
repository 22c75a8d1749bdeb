//! イベント: the public event calendar (today or another day, this week or a month, by area) and
//! one event.

use crate::components::{footer, form, link, pager, select, subheading, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

/// One line of the event list: 「12/03（水）10:00 親子リトミック」.
#[derive(Debug, Clone)]
pub struct EventItem {
    pub id: i64,
    /// 「12/03（水）」
    pub day: String,
    /// 「10:00」 or empty.
    pub time: String,
    pub title: String,
}

/// Rendered alone so the list can be paged by size.
pub fn event_item(ctx: &Ctx, item: &EventItem) -> Markup {
    html! {
        div {
            (item.day)
            @if !item.time.is_empty() { " " (item.time) }
            br;
            (link(ctx, &format!("/events/{}", item.id), &item.title, None))
        }
    }
}

/// The frame around one page of the list.
#[derive(Debug, Clone)]
pub struct EventsView {
    /// 「今週のイベント」, 「2026年12月のイベント」.
    pub title: String,
    /// This list's own address with its query (month, area), for the pager.
    pub base: String,
    /// (path, label) of the previous and next month.
    pub previous: (String, String),
    pub next: (String, String),
    /// The month shown, "2026-12", or empty for this week (a hidden field of the area form).
    pub month: String,
    /// The day shown, "2026-12-03", or empty (a hidden field of the area form).
    pub day: String,
    /// The list of today's events.
    pub today: String,
    /// (id, name) of every area; "" means all.
    pub areas: Vec<(String, String)>,
    pub area: String,
}

pub fn events_page(ctx: &Ctx, view: &EventsView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        &view.title,
        html! {
            @if list.items.is_empty() { div { "この期間のイベントはありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &view.base, list.page, list.pages))
            (subheading(ctx, "ほかの期間"))
            (link(ctx, &view.previous.0, &view.previous.1, Some(4)))
            " "
            (link(ctx, &view.next.0, &view.next.1, Some(6)))
            br;
            (link(ctx, &view.today, "今日", Some(2)))
            " "
            (link(ctx, "/events", "今週", Some(5)))
            (form(ctx, "/events", false, html! {
                @if !view.month.is_empty() { input type="hidden" name="month" value=(view.month); }
                @if !view.day.is_empty() { input type="hidden" name="day" value=(view.day); }
                (select("area", &view.areas, &view.area))
                (submit("地域で絞る"))
            }))
            (link(ctx, "/facilities", "子育て施設・一時預かり", Some(7)))
            (footer(ctx))
        },
    )
}

/// One event in full.
#[derive(Debug, Clone)]
pub struct EventView {
    pub title: String,
    /// 「2026年12月3日（水）10:00〜11:30」
    pub when: String,
    pub place: String,
    /// The area's name, or empty.
    pub area: String,
    pub body: String,
}

pub fn event_page(ctx: &Ctx, view: &EventView) -> String {
    page(
        ctx,
        &view.title,
        html! {
            div { "日時：" (view.when) }
            div { "場所：" (view.place) }
            @if !view.area.is_empty() { div { "地域：" (view.area) } }
            (crate::components::separator(ctx))
            @for line in view.body.lines() { (line) br; }
            (link(ctx, "/events", "イベント一覧へ", Some(9)))
            (footer(ctx))
        },
    )
}

/// 「今週のイベント」 on the top page and 「わたしの地域のイベント」 on my page: a few short lines.
pub fn event_block(ctx: &Ctx, heading: &str, items: &[EventItem], more: &str) -> Markup {
    html! {
        (subheading(ctx, heading))
        @if items.is_empty() { div { "予定はありません。" } }
        @for item in items {
            div {
                (item.day) " "
                (link(ctx, &format!("/events/{}", item.id), &item.title, None))
            }
        }
        div { (link(ctx, more, "もっと見る", None)) }
    }
}
