//! Error pages: a plain Japanese message and the way back.

use crate::components::footer;
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

pub fn error(ctx: &Ctx, title: &str, message: &str) -> String {
    page(ctx, title, html! { div { (message) } (footer(ctx)) })
}
