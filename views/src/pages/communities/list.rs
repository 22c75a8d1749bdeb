//! コミュニティ一覧 (`/communities`): approved communities, liveliest first, by area, paged.

use crate::components::{filter_form, footer, link, pager, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

/// One line of the list.
#[derive(Debug, Clone)]
pub struct CommunityLineView {
    pub id: i64,
    pub name: String,
    /// e.g. 柏中央 12人 11/21
    pub meta: String,
}

#[derive(Debug, Clone)]
pub struct CommunityListView {
    /// The list's URL with its filter, for the pager.
    pub base: String,
    /// (id, name), the first being 「すべて」 with an empty id.
    pub areas: Vec<(String, String)>,
    pub area: String,
}

pub fn community_line(ctx: &Ctx, line: &CommunityLineView) -> Markup {
    html! {
        div {
            (link(ctx, &format!("/communities/{}", line.id), &line.name, None))
            br;
            (line.meta)
        }
    }
}

pub fn community_list(ctx: &Ctx, view: &CommunityListView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "コミュニティ",
        html! {
            div { (link(ctx, "/communities/new", "コミュニティをつくる", Some(1))) }
            (filter_form(ctx, "/communities", &[("地域", "area", &view.areas, &view.area)]))
            @if list.items.is_empty() { div { "まだコミュニティはありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &view.base, list.page, list.pages))
            (footer(ctx))
        },
    )
}
