//! A community topic (`/communities/{id}/topics/{tid}`): its text and photos, comments paged to the
//! device, the comment form for joined members, the coordinator's hide/restore forms for the topic
//! and each comment, and the page that asks its author once more before deleting it.

use crate::components::{alert, footer, form, hidden, label, link, pager, submit, text_area, text_input, ListPage};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct TopicCommentView {
    pub id: i64,
    pub author: String,
    pub posted: String,
    pub body: String,
    /// Only coordinators see hidden comments.
    pub hidden: bool,
}

#[derive(Debug, Clone)]
pub struct TopicView {
    pub community_id: i64,
    pub community: String,
    pub id: i64,
    pub title: String,
    pub author: String,
    pub posted: String,
    pub by_mail: bool,
    /// Coordinators: the reason when the topic is hidden.
    pub hidden: Option<String>,
    pub moderator: bool,
    /// The viewer wrote it: a link to delete it.
    pub mine: bool,
    /// The viewer has joined an open community and may comment.
    pub may_comment: bool,
    pub notice: Option<String>,
}

/// One comment; `moderate` is the topic's path for a coordinator's form under it, else `None`.
pub fn topic_comment(ctx: &Ctx, c: &TopicCommentView, moderate: Option<&str>) -> Markup {
    html! {
        div {
            @if c.hidden { "【非表示】" }
            (c.author) " " (c.posted)
        }
        @for line in c.body.lines() { div { (line) } }
        @if let Some(base) = moderate {
            (moderate_form(ctx, &format!("{base}/comments/{}/moderate", c.id), c.hidden))
        }
    }
}

/// The topic with one page of its list: its text, photos and comments (`post::article_items` and
/// then the comments, pages cut to the device's budget).
pub fn topic(ctx: &Ctx, view: &TopicView, list: &ListPage<'_>) -> String {
    let base = format!("/communities/{}/topics/{}", view.community_id, view.id);
    page(
        ctx,
        &view.title,
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(reason) = &view.hidden { (alert(ctx, &format!("非表示（{reason}）"))) }
            div { (view.author) " " (view.posted) @if view.by_mail { "（メール投稿）" } }
            @for item in list.items { (item) }
            (pager(ctx, &base, list.page, list.pages))
            @if view.moderator { (moderate_form(ctx, &format!("{base}/moderate"), view.hidden.is_some())) }
            @if view.mine { div { (link(ctx, &format!("{base}/delete"), "このトピックを削除する", None)) } }
            @if view.may_comment {
                (form(ctx, &format!("{base}/comments"), true, html! {
                    (text_area(ctx, "body", "", 2))
                    br;
                    (submit("コメントする"))
                }))
            } @else {
                div { "コメントするには、コミュニティに参加してください。" }
            }
            div { (link(ctx, &format!("/communities/{}", view.community_id), &view.community, Some(9))) }
            (footer(ctx))
        },
    )
}

/// Asks once more before a member deletes her topic (keitai have no confirm dialog).
pub fn delete_confirm(ctx: &Ctx, community_id: i64, id: i64, title: &str) -> String {
    let base = format!("/communities/{community_id}/topics/{id}");
    page(
        ctx,
        "トピックの削除",
        html! {
            div { "「" (title) "」を削除します。写真とコメントもいっしょに消え、元に戻せません。" }
            (form(ctx, &format!("{base}/delete"), true, html! { (submit("削除する")) }))
            div { (link(ctx, &base, "削除しないで戻る", None)) }
            (footer(ctx))
        },
    )
}

/// A coordinator's hide or restore form with its reason, posted to `action`.
fn moderate_form(ctx: &Ctx, action: &str, hidden_now: bool) -> Markup {
    form(
        ctx,
        action,
        true,
        html! {
            (hidden("action", if hidden_now { "restore" } else { "hide" }))
            (label("理由"))
            (text_input(ctx, "reason", "", InputKind::Japanese, 12))
            (submit(if hidden_now { "再表示する" } else { "非表示にする" }))
        },
    )
}
