//! One thread (a クチコミ, a community's topic): its text and photos, its comments paged to the
//! device, and the forms under it (comment, report, a coordinator's hide and restore, the author's
//! delete), and the page that asks its author once more before deleting it.

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

/// A coordinator's hide or restore form: where it posts and the hidden fields that name what.
#[derive(Debug, Clone)]
pub struct ModerateForm {
    pub action: String,
    pub fields: Vec<(String, String)>,
    /// Hidden now: the form restores.
    pub hidden_now: bool,
}

#[derive(Debug, Clone)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    pub posted: String,
    pub body: String,
    /// Only coordinators see hidden comments.
    pub hidden: bool,
    /// For coordinators.
    pub moderate: Option<ModerateForm>,
}

/// Whether the viewer may comment, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commenting {
    Open,
    /// A sentence saying why not (e.g. join the community first).
    Closed(String),
    /// Nothing to say (a hidden thread, seen by a coordinator).
    Silent,
}

#[derive(Debug, Clone)]
pub struct ThreadView {
    /// The thread's page: the pager's base and the forms' actions start from it.
    pub path: String,
    /// What a thread is called here: 投稿, トピック.
    pub noun: String,
    pub title: String,
    pub author: String,
    /// e.g. 11/21 07:52
    pub posted: String,
    /// メール or web.
    pub by_mail: bool,
    /// e.g. [遊び場] 柏中央, where the place classifies its threads.
    pub labels: Option<String>,
    /// Set for coordinators when the thread is hidden: the reason.
    pub hidden: Option<String>,
    /// For coordinators.
    pub moderate: Option<ModerateForm>,
    /// The viewer wrote it: a link to delete it.
    pub mine: bool,
    pub commenting: Commenting,
    /// The place takes reports (通報) and the viewer is not the author.
    pub reports: bool,
    /// Back to the place (the list of posts, a community's page): (path, label).
    pub back: (String, String),
    /// A notice after an action (コメントしました, 通報を受け付けました).
    pub notice: Option<String>,
}

/// Most characters of one piece of a text: a long thread is cut into pieces that the page cutter
/// can spread over pages, so that even 2,000 characters of kanji never overflow a 5 KB phone.
const PIECE_CHARS: usize = 150;

/// The text and photos of a thread, then the comments' heading, as the first items of the page's
/// list (the comments follow): a long text continues on the next page.
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
pub fn comment(ctx: &Ctx, c: &CommentView) -> Markup {
    html! {
        div {
            @if c.hidden { "【非表示】" }
            (c.author) " " (c.posted)
        }
        @for line in c.body.lines() { div { (line) } }
        @if let Some(moderate) = &c.moderate { (moderate_form(ctx, moderate)) }
    }
}

/// The thread with one page of its list: its text, photos and comments (`article_items` and then
/// the comments, pages cut to the device's budget).
pub fn thread(ctx: &Ctx, view: &ThreadView, list: &ListPage<'_>) -> String {
    let path = &view.path;
    page(
        ctx,
        &view.title,
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(reason) = &view.hidden { (alert(ctx, &format!("非表示（{reason}）"))) }
            @if let Some(labels) = &view.labels { div { (labels) } }
            div { (view.author) " " (view.posted) @if view.by_mail { "（メール投稿）" } }
            // The author's delete sits with her byline, far from the comment box.
            @if view.mine {
                div { (link(ctx, &format!("{path}/delete"), &format!("この{}を削除する", view.noun), None)) }
            }
            @for item in list.items { (item) }
            (pager(ctx, path, list.page, list.pages))
            @if let Some(moderate) = &view.moderate { (moderate_form(ctx, moderate)) }
            @match &view.commenting {
                Commenting::Open => {
                    (form(ctx, &format!("{path}/comments"), true, html! {
                        (text_area(ctx, "body", "", 2))
                        br;
                        (submit("コメントする"))
                    }))
                }
                Commenting::Closed(why) => { div { (why) } }
                Commenting::Silent => {}
            }
            @if view.reports {
                (separator(ctx))
                (form(ctx, &format!("{path}/report"), true, html! {
                    (label(&format!("不適切な{}を知らせる（理由）", view.noun)))
                    (text_input(ctx, "reason", "", InputKind::Japanese, 16))
                    (submit("通報する"))
                }))
            }
            div { (link(ctx, &view.back.0, &view.back.1, Some(9))) }
            (footer(ctx))
        },
    )
}

/// Asks once more before a member deletes her thread (keitai have no confirm dialog).
pub fn delete_confirm(ctx: &Ctx, path: &str, noun: &str, title: &str) -> String {
    page(
        ctx,
        &format!("{noun}の削除"),
        html! {
            div { "「" (title) "」を削除します。写真とコメントもいっしょに消え、元に戻せません。" }
            (form(ctx, &format!("{path}/delete"), true, html! { (submit("削除する")) }))
            div { (link(ctx, path, "削除しないで戻る", None)) }
            (footer(ctx))
        },
    )
}

/// A coordinator's hide or restore form with its reason.
fn moderate_form(ctx: &Ctx, m: &ModerateForm) -> Markup {
    form(
        ctx,
        &m.action,
        true,
        html! {
            @for (name, value) in &m.fields { (hidden(name, value)) }
            (hidden("action", if m.hidden_now { "restore" } else { "hide" }))
            (label("理由"))
            (text_input(ctx, "reason", "", InputKind::Japanese, 12))
            (submit(if m.hidden_now { "再表示する" } else { "非表示にする" }))
        },
    )
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
