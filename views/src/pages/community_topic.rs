//! A community topic (`/communities/{id}/topics/{tid}`): its text and photos, comments paged to the
//! device, the comment form for joined members, and the coordinator's hide/restore form.

use crate::components::{
    alert, footer, form, hidden, image, label, link, pager, separator, subheading, submit, text_area, text_input,
    ListPage,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use crate::pages::post::PhotoRef;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct TopicCommentView {
    pub author: String,
    pub posted: String,
    pub body: String,
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
    pub body: String,
    pub photos: Vec<PhotoRef>,
    pub comment_count: usize,
    /// Coordinators: the reason when the topic is hidden.
    pub hidden: Option<String>,
    pub moderator: bool,
    /// The viewer has joined an open community and may comment.
    pub may_comment: bool,
    pub notice: Option<String>,
}

pub fn topic_comment(c: &TopicCommentView) -> Markup {
    html! {
        div { (c.author) " " (c.posted) }
        @for line in c.body.lines() { div { (line) } }
    }
}

pub fn topic(ctx: &Ctx, view: &TopicView, comments: &ListPage<'_>) -> String {
    let base = format!("/communities/{}/topics/{}", view.community_id, view.id);
    page(
        ctx,
        &view.title,
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(reason) = &view.hidden { (alert(ctx, &format!("非表示（{reason}）"))) }
            div { (view.author) " " (view.posted) @if view.by_mail { "（メール投稿）" } }
            @for line in view.body.lines() { div { (line) } }
            @for (n, photo) in view.photos.iter().enumerate() {
                div { (image(&ctx.url(&photo.path), &format!("写真{}", n + 1), photo.width, photo.height)) }
            }
            @if view.moderator {
                (form(ctx, &format!("{base}/moderate"), true, html! {
                    (hidden("action", if view.hidden.is_some() { "restore" } else { "hide" }))
                    (label("理由"))
                    (text_input(ctx, "reason", "", InputKind::Japanese, 12))
                    (submit(if view.hidden.is_some() { "再表示する" } else { "非表示にする" }))
                }))
            }
            (separator(ctx))
            (subheading(ctx, &format!("コメント（{}件）", view.comment_count)))
            @for c in comments.items { (c) }
            (pager(ctx, &base, comments.page, comments.pages))
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
