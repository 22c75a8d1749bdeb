//! クチコミの管理 (`/admin/posts`): posts with open reports first, with the count and reasons and a
//! button to keep the post up; then the newest posts and the latest actions.

use crate::components::{alert, footer, form, hidden, link, separator, submit};
use crate::ctx::Ctx;
use crate::layout::console_page;
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

pub fn post_admin(ctx: &Ctx, notice: Option<&str>, lines: &[ModerationLine], log: &[String]) -> String {
    console_page(
        ctx,
        "クチコミの管理",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            div { "通報のあった投稿が先に並びます。投稿を開くと、理由を書いて非表示・再表示にできます。問題がなければ「確認済み」にすると、通報の一覧から外れます（記録は残ります）。" }
            @for line in lines {
                div {
                    (link(ctx, &format!("/posts/{}", line.id), &line.title, None))
                    " " (line.author)
                    @if line.hidden { " 【非表示】" }
                    @if line.reports > 0 { " 通報" (line.reports) "件" }
                }
                @if !line.reasons.is_empty() {
                    ul { @for r in &line.reasons { li { (r) } } }
                    (form(ctx, "/admin/posts/reports/resolve", true, html! {
                        (hidden("id", &line.id.to_string()))
                        (submit("確認済み（表示したまま）"))
                    }))
                }
            }
            @if !log.is_empty() {
                (separator(ctx))
                div { "最近の対応" }
                @for entry in log { div { (entry) } }
            }
            (footer(ctx))
        },
    )
}
