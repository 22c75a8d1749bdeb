//! 検索 (`/search`): the search form, and the hits paged to the device; the search box of the top
//! and portal pages.

use crate::components::{footer, form, label, link, pager, select, submit, text_input, ListPage};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

/// One hit: 「[イベント] 親子リトミック」 and a line of its text around the match.
#[derive(Debug, Clone)]
pub struct SearchHitView {
    /// クチコミ, イベント, 施設.
    pub kind: String,
    pub path: String,
    pub title: String,
    /// e.g. 「12/03（水）」 for an event, empty when there is nothing to say.
    pub meta: String,
    pub snippet: String,
}

/// What the page says above the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No words were given.
    NoQuery,
    /// The number of hits (0: nothing found).
    Found(usize),
}

#[derive(Debug, Clone)]
pub struct SearchView {
    /// The query as typed.
    pub query: String,
    /// (value, label) of the kinds, the first being 「すべて」 with an empty value.
    pub kinds: Vec<(String, String)>,
    pub kind: String,
    /// This search's address (query encoded for the device), for the pager.
    pub base: String,
    pub outcome: Outcome,
    /// クチコミ were left out: a guest is told to log in, a member awaiting approval to wait.
    pub guest: bool,
}

/// Rendered alone so the list can be paged by size.
pub fn search_hit(ctx: &Ctx, hit: &SearchHitView) -> Markup {
    html! {
        div {
            "[" (hit.kind) "]" (link(ctx, &hit.path, &hit.title, None))
            br;
            @if !hit.meta.is_empty() { (hit.meta) " " }
            (hit.snippet)
        }
    }
}

/// The small search form of the top and portal pages.
pub fn search_box(ctx: &Ctx) -> Markup {
    form(
        ctx,
        "/search",
        false,
        html! {
            (text_input(ctx, "q", "", InputKind::Japanese, 12))
            (submit("検索"))
        },
    )
}

pub fn search_page(ctx: &Ctx, view: &SearchView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "検索",
        html! {
            (form(ctx, "/search", false, html! {
                (text_input(ctx, "q", &view.query, InputKind::Japanese, 14))
                (select("kind", &view.kinds, &view.kind))
                (submit("検索"))
            }))
            @match view.outcome {
                Outcome::NoQuery => {
                    (label("探したい言葉を入力してください（例：公園、ベビー、支援センター）。言葉をスペースで区切ると、すべてを含むものを探します。"))
                }
                Outcome::Found(0) => {
                    (label(&format!("「{}」に一致する情報は見つかりませんでした。言葉を短くするか、ほかの言葉でお試しください。", view.query)))
                }
                Outcome::Found(n) => { (label(&format!("「{}」の検索結果：{n}件", view.query))) }
            }
            @for item in list.items { (item) }
            (pager(ctx, &view.base, list.page, list.pages))
            @if view.guest {
                @if ctx.signed_in {
                    div { "クチコミは、コーディネーターの承認後に検索できます。" }
                } @else {
                    div { "クチコミは" (link(ctx, "/login", "ログイン", None)) "すると検索できます。" }
                }
            }
            div { (link(ctx, "/portal", "あぃあぃ広場へ", Some(9))) }
            (footer(ctx))
        },
    )
}
