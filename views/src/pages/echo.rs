//! 文字の送信テスト: shows back what the server received, so support staff can check a phone's input.

use crate::components::{footer, form, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct EchoView {
    pub text: String,
    /// Names of the emoji found in the text.
    pub emoji: Vec<String>,
}

pub fn echo(ctx: &Ctx, view: &EchoView) -> String {
    page(
        ctx,
        "文字の送信テスト",
        html! {
            (subheading(ctx, "受け取った文字"))
            div { (view.text) }
            div { "絵文字：" (view.emoji.len()) "個" }
            (form(ctx, "/device/echo", true, html! {
                (text_input(ctx, "text", "", InputKind::Japanese, 16))
                (submit("送信"))
            }))
            (footer(ctx))
        },
    )
}
