//! `/admin/support/distances`: the km table between areas and a form to set one pair.

use crate::components::{alert, footer, form, label, link, pager, select, submit, text_input, ListPage};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct DistanceRow {
    pub from: String,
    pub to: String,
    pub km: String,
}

#[derive(Debug, Clone)]
pub struct DistancesView {
    /// (id, name) choices, the first one empty.
    pub areas: Vec<(String, String)>,
    /// What was typed, kept after a refusal.
    pub km: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// One pair, a line of the paged list.
pub fn distance_row(row: &DistanceRow) -> Markup {
    html! { div { (row.from) "〜" (row.to) "：" (row.km) "km" } }
}

pub fn distances(ctx: &Ctx, view: &DistancesView, list: &ListPage<'_>) -> String {
    console_page(
        ctx,
        "地域間の距離",
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "依頼の順位づけで、提供会員の自宅から活動の場所までの近さに使います。入力のない組は5kmとして数えます。" }
            (form(ctx, "/admin/support/distances", true, html! {
                (label("地域")) (select("a", &view.areas, ""))
                (label("地域")) (select("b", &view.areas, ""))
                (label("距離（km）"))
                (text_input(ctx, "km", &view.km, InputKind::Number, 6))
                div { (submit("保存する")) }
            }))
            @if list.items.is_empty() { div { "まだ入力がありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, "/admin/support/distances", list.page, list.pages))
            div { (link(ctx, "/admin/support", "支援センターの画面", None)) }
            (footer(ctx))
        },
    )
}
