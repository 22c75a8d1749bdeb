//! クチコミ一覧 (`/posts`): the newest posts, narrowed by category and area, paged to the device
//! (its lines are `threads::line`).

use crate::components::{alert, filter_form, footer, link, pager, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct PostListView {
    /// 「クチコミ」 or 「わたしの投稿」.
    pub title: String,
    /// The list's URL with its filters, for the pager.
    pub base: String,
    /// (key, label), the first being 「すべて」 with an empty key.
    pub categories: Vec<(String, String)>,
    pub areas: Vec<(String, String)>,
    pub category: String,
    pub area: String,
    /// The filter form is left out of the member's own list.
    pub filters: bool,
    /// What was just done (投稿を削除しました).
    pub notice: Option<String>,
}

pub fn post_list(ctx: &Ctx, view: &PostListView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        &view.title,
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            div { (link(ctx, "/posts/new", "投稿する", Some(1))) }
            @if view.filters {
                (filter_form(ctx, "/posts", &[
                    ("分類", "category", &view.categories, &view.category),
                    ("地域", "area", &view.areas, &view.area),
                ]))
            }
            @if list.items.is_empty() { div { "まだ投稿はありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &view.base, list.page, list.pages))
            (footer(ctx))
        },
    )
}
