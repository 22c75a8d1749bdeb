//! コミュニティの管理 (`/admin/communities`): proposals first, each with approve and reject (with a
//! reason); approved communities can be closed, after a page that asks once more; the latest
//! decisions (when there are any).

use crate::components::{alert, footer, form, hidden, label, link, separator, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct CommunityAdminLine {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub proposer: String,
    pub area: Option<String>,
    /// pending, approved, rejected, closed
    pub status: String,
    pub status_label: String,
    pub reason: Option<String>,
}

pub fn community_admin(ctx: &Ctx, lines: &[CommunityAdminLine], log: &[String], notice: Option<&str>) -> String {
    console_page(
        ctx,
        "コミュニティの管理",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            div { "承認待ちの提案が先に並びます。見送るときは理由を書いてください（提案した人にメールで届きます）。" }
            @for line in lines {
                (separator(ctx))
                div {
                    (link(ctx, &format!("/communities/{}", line.id), &line.name, None))
                    "［" (line.status_label) "］"
                }
                div {
                    "提案：" (line.proposer)
                    @if let Some(area) = &line.area { " 地域：" (area) }
                }
                @for text in line.description.lines() { div { (text) } }
                @if let Some(reason) = &line.reason { div { "理由：" (reason) } }
                @match line.status.as_str() {
                    "pending" => {
                        (decide_form(ctx, line.id, "approve", "承認する", false))
                        (decide_form(ctx, line.id, "reject", "見送る", true))
                    }
                    // Closing cannot be undone: a page of its own asks once more (no JavaScript).
                    "approved" => {
                        div { (link(ctx, &format!("/admin/communities/{}/close", line.id), "このコミュニティを終了する", None)) }
                    }
                    _ => {}
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

/// Asks once more before a community is closed: what closing does, the reason its members read,
/// and the way back.
pub fn close_confirm(ctx: &Ctx, id: i64, name: &str, notice: Option<&str>) -> String {
    console_page(
        ctx,
        "コミュニティの終了",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            div { "コミュニティ「" (name) "」を終了します。" }
            div { "終了すると、新しいトピックやコメントは書けなくなり、元に戻せません。理由は対応の記録に残ります。" }
            (form(ctx, "/admin/communities/decide", true, html! {
                (hidden("id", &id.to_string()))
                (hidden("action", "close"))
                (hidden("confirmed", "yes"))
                (label("理由"))
                (text_input(ctx, "reason", "", InputKind::Japanese, 16))
                (submit("終了する"))
            }))
            div { (link(ctx, "/admin/communities", "終了しないで戻る", None)) }
            (footer(ctx))
        },
    )
}

fn decide_form(ctx: &Ctx, id: i64, action: &str, button: &str, reason: bool) -> Markup {
    form(
        ctx,
        "/admin/communities/decide",
        true,
        html! {
            (hidden("id", &id.to_string()))
            (hidden("action", action))
            @if reason {
                (label("理由"))
                (text_input(ctx, "reason", "", InputKind::Japanese, 16))
            }
            (submit(button))
        },
    )
}
