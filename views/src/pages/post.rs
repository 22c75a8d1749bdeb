//! A member's post (クチコミ) with its photos.

use crate::components::{footer, image};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct PhotoRef {
    /// Our path, e.g. /photos/3 (the session id is added for phones without cookies).
    pub path: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone)]
pub struct PostView {
    pub title: String,
    pub author: String,
    /// e.g. 11/21 07:52
    pub posted: String,
    /// メール or web.
    pub by_mail: bool,
    pub body: String,
    pub photos: Vec<PhotoRef>,
}

pub fn post(ctx: &Ctx, view: &PostView) -> String {
    page(
        ctx,
        &view.title,
        html! {
            div { (view.author) " " (view.posted) @if view.by_mail { "（メール投稿）" } }
            @for line in view.body.lines() { div { (line) } }
            @for (n, photo) in view.photos.iter().enumerate() {
                div { (image(&ctx.url(&photo.path), &format!("写真{}", n + 1), photo.width, photo.height)) }
            }
            (footer(ctx))
        },
    )
}
