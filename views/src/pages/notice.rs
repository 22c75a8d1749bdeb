//! One notice (お知らせ) in full.

use crate::components::{footer, link};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct NoticeView {
    pub title: String,
    pub body: String,
    pub date: String,
}

pub fn notice_page(ctx: &Ctx, view: &NoticeView) -> String {
    page(
        ctx,
        &view.title,
        html! {
            div { (view.date) }
            @for line in view.body.lines() { (line) br; }
            (link(ctx, "/", "お知らせ一覧へ", Some(9)))
            (footer(ctx))
        },
    )
}
