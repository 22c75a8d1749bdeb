//! A message as its guardian reads it (`/notebook/messages/{id}` logged in, `/notebook/r/{token}`
//! from the mail): title, date, children, the text in pieces, photos sized for the phone, PDFs as a
//! link (or their text on keitai), and the answer link.

use crate::components::{footer, image, link, pager, separator, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct PhotoItem {
    pub path: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone)]
pub enum FileItem {
    /// PC and smartphone: (path, name, 「120KB」).
    Link(String, String, String),
    /// Keitai: the file's text or the standard note.
    Text(String, String),
}

#[derive(Debug, Clone)]
pub struct MessageView {
    /// The page itself (the pager's base).
    pub path: String,
    pub school: String,
    pub kind: String,
    pub title: String,
    /// 「12/03 07:30」.
    pub when: String,
    /// 「ゆうたさん・さきさん」.
    pub children: String,
    /// (path, 「回答する」 or 「返信する」, the deadline line) when it asks something back.
    pub answer: Option<(String, String, String)>,
    /// Back to the list (logged in only).
    pub back: bool,
}

/// The text in pieces, then photos and files, as the items of the page's list.
pub fn items(ctx: &Ctx, body: &str, photos: &[PhotoItem], files: &[FileItem]) -> Vec<Markup> {
    const PIECE: usize = 150;
    let mut items: Vec<Markup> = Vec::new();
    for line in body.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.is_empty() {
            items.push(html! { br; });
        }
        for piece in chars.chunks(PIECE) {
            let piece: String = piece.iter().collect();
            items.push(html! { div { (piece) } });
        }
    }
    for (n, p) in photos.iter().enumerate() {
        items.push(html! { div { (image(&ctx.url(&p.path), &format!("写真{}", n + 1), p.width, p.height)) } });
    }
    for file in files {
        items.push(match file {
            FileItem::Link(path, name, size) => {
                html! { div { "📎" a href=(ctx.url(path)) { (name) } " (" (size) ")" } }
            }
            FileItem::Text(name, text) => html! {
                div { "📎" (name) }
                @for line in text.lines() { div { (line) } }
            },
        });
    }
    items
}

pub fn message_page(ctx: &Ctx, view: &MessageView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        &view.title,
        html! {
            div { (view.school) " [" (view.kind) "]" }
            div { (view.when) " " (view.children) }
            @if list.page == 1 {
                @if let Some((path, label, until)) = &view.answer {
                    div { (link(ctx, path, label, Some(1))) " " (until) }
                }
            }
            (separator(ctx))
            @for item in list.items { (item) }
            (pager(ctx, &view.path, list.page, list.pages))
            @if let Some((path, label, _)) = &view.answer {
                @if list.page == list.pages { div { (link(ctx, path, label, Some(1))) } }
            }
            @if view.back { div { (link(ctx, "/notebook/messages", "お知らせ一覧", Some(9))) } }
            (footer(ctx))
        },
    )
}
