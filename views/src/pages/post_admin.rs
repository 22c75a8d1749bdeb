//! クチコミの管理 (`/admin/posts`): reported posts first, with the report count and reasons.

use crate::components::{footer, link, separator};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct ModerationLine {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub reports: i64,
    pub reasons: Vec<String>,
    pub hidden: bool,
}

pub fn post_admin(ctx: &Ctx, lines: &[ModerationLine], log: &[String]) -> String {
    page(
        ctx,
        "クチコミの管理",
        html! {
            div { "通報のあった投稿が先に並びます。投稿を開くと、理由を書いて非表示・再表示にできます。" }
            @for line in lines {
                div {
                    (link(ctx, &format!("/posts/{}", line.id), &line.title, None))
                    " " (line.author)
                    @if line.hidden { " 【非表示】" }
                    @if line.reports > 0 { " 通報" (line.reports) "件" }
                }
                @if !line.reasons.is_empty() {
                    ul { @for r in &line.reasons { li { (r) } } }
                }
            }
            (separator(ctx))
            div { "最近の対応" }
            @for entry in log { div { (entry) } }
            (footer(ctx))
        },
    )
}
