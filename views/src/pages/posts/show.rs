//! A member's post (クチコミ) with its photos, comments, and the forms to comment, report or moderate.

use crate::components::{
    alert, footer, form, hidden, image, label, link, pager, separator, subheading, submit, text_area, text_input,
    ListPage,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct PhotoRef {
    /// Our path, e.g. /photos/3 (the session id is added for phones without cookies).
    pub path: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    pub posted: String,
    pub body: String,
    /// Only coordinators see hidden comments.
    pub hidden: bool,
}

#[derive(Debug, Clone)]
pub struct PostView {
    pub id: i64,
    pub title: String,
    pub author: String,
    /// e.g. 11/21 07:52
    pub posted: String,
    /// メール or web.
    pub by_mail: bool,
    /// e.g. 遊び場
    pub category: String,
    pub area: Option<String>,
    /// Set for coordinators when the post is hidden: the reason.
    pub hidden: Option<String>,
    /// The viewer is a coordinator: hide/restore forms.
    pub moderator: bool,
    /// The viewer wrote it: a link to delete it.
    pub mine: bool,
    /// A notice after an action (コメントしました, 通報を受け付けました).
    pub notice: Option<String>,
}

/// Most characters of one piece of a text: a long post or topic is cut into pieces that the page
/// cutter can spread over pages, so that even 2,000 characters of kanji never overflow a 5 KB phone.
const PIECE_CHARS: usize = 150;

/// The text and photos of a post or topic, then the comments' heading, as the first items of the
/// page's list (the comments follow): a long text continues on the next page.
pub fn article_items(ctx: &Ctx, body: &str, photos: &[PhotoRef], comment_count: usize) -> Vec<Markup> {
    let mut items: Vec<Markup> = body
        .lines()
        .flat_map(|line| pieces(line, PIECE_CHARS))
        .map(|piece| html! { div { (piece) } })
        .collect();
    items.extend(photos.iter().enumerate().map(|(n, photo)| {
        html! { div { (image(&ctx.url(&photo.path), &format!("写真{}", n + 1), photo.width, photo.height)) } }
    }));
    items.push(html! {
        (separator(ctx))
        (subheading(ctx, &format!("コメント（{comment_count}件）")))
    });
    items
}

/// A line in pieces of at most `max` characters (an empty line stays one empty piece).
fn pieces(line: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(max).map(|c| c.iter().collect()).collect()
}

/// One comment, with the coordinator's form under it.
pub fn comment(ctx: &Ctx, c: &CommentView, moderator: bool) -> Markup {
    html! {
        div {
            @if c.hidden { "【非表示】" }
            (c.author) " " (c.posted)
        }
        @for line in c.body.lines() { div { (line) } }
        @if moderator { (moderate_form(ctx, "comment", c.id, c.hidden)) }
    }
}

/// The post with one page of its list: its text, photos and comments (`article_items` and then the
/// comments, pages cut to the device's budget).
pub fn post(ctx: &Ctx, view: &PostView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        &view.title,
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(reason) = &view.hidden { (alert(ctx, &format!("非表示（{reason}）"))) }
            div {
                "[" (view.category) "]"
                @if let Some(area) = &view.area { " " (area) }
            }
            div { (view.author) " " (view.posted) @if view.by_mail { "（メール投稿）" } }
            @for item in list.items { (item) }
            (pager(ctx, &format!("/posts/{}", view.id), list.page, list.pages))
            @if view.moderator { (moderate_form(ctx, "post", view.id, view.hidden.is_some())) }
            @if view.mine { div { (link(ctx, &format!("/posts/{}/delete", view.id), "この投稿を削除する", None)) } }
            (form(ctx, &format!("/posts/{}/comments", view.id), true, html! {
                (text_area(ctx, "body", "", 2))
                br;
                (submit("コメントする"))
            }))
            (separator(ctx))
            (form(ctx, &format!("/posts/{}/report", view.id), true, html! {
                (label("不適切な投稿を知らせる（理由）"))
                (text_input(ctx, "reason", "", InputKind::Japanese, 16))
                (submit("通報する"))
            }))
            (footer(ctx))
        },
    )
}

/// Asks once more before a member deletes her post.
pub fn delete_confirm(ctx: &Ctx, id: i64, title: &str) -> String {
    page(
        ctx,
        "投稿の削除",
        html! {
            div { "「" (title) "」を削除します。写真とコメントもいっしょに消え、元に戻せません。" }
            (form(ctx, &format!("/posts/{id}/delete"), true, html! { (submit("削除する")) }))
            div { (link(ctx, &format!("/posts/{id}"), "削除しないで戻る", None)) }
            (footer(ctx))
        },
    )
}

/// A coordinator's hide or restore form for a post or a comment.
fn moderate_form(ctx: &Ctx, target: &str, id: i64, hidden: bool) -> Markup {
    form(
        ctx,
        "/admin/posts/moderate",
        true,
        html! {
            (hidden_fields(target, id, if hidden { "restore" } else { "hide" }))
            (text_input(ctx, "reason", "", InputKind::Japanese, 12))
            (submit(if hidden { "再表示する" } else { "非表示にする" }))
        },
    )
}

fn hidden_fields(target: &str, id: i64, action: &str) -> Markup {
    html! {
        (hidden("target", target))
        (hidden("id", &id.to_string()))
        (hidden("action", action))
    }
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn a_long_line_is_cut_into_pieces_by_characters_and_an_empty_line_stays() {
        let line: String = "桜".repeat(301);
        let cut = pieces(&line, 150);
        assert_eq!(cut.iter().map(|p| p.chars().count()).collect::<Vec<_>>(), [150, 150, 1]);
        assert_eq!(cut.concat(), line);
        assert_eq!(pieces("", 150), [""]);
    }
}
