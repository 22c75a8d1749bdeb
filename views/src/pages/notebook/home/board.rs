//! The home board device's page: big ただいま buttons, the guardians' messages large with their time,
//! and the child's fixed replies under each. Nothing else: no menu, no footer, no way elsewhere.

use crate::components::{form, hidden, pager, submit, ListPage};
use crate::ctx::{Ctx, Styling};
use crate::layout::styled_page;
use maud::{html, Markup};

/// Seconds between reloads where the browser reloads by itself (PC, smartphone, kiosk).
pub const REFRESH_SECONDS: u32 = 60;

const STYLE: &str = ".tadaima input{font-size:1.8em;padding:.4em .8em;margin:.2em;border-radius:.4em;\
background:#f6a;color:#fff;border:0}.msg{font-size:1.6em;margin:.6em 0 .2em}.to{font-size:.6em;color:#666}\
.replies input{font-size:1.1em;padding:.3em .6em;margin:.15em}.answered{color:#393}";

#[derive(Debug, Clone)]
pub struct BoardChild {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct BoardMessage {
    pub id: i64,
    /// 「15:10」, or 「12/02 15:10」 for an older day.
    pub time: String,
    pub text: String,
    /// 「ゆうたへ」 for a message to one child.
    pub to: Option<String>,
    /// 「ゆうた：わかった 15:50」
    pub replies: Vec<String>,
    /// Who may answer it (the child it is for, or every child).
    pub answerers: Vec<BoardChild>,
}

#[derive(Debug, Clone)]
pub struct BoardView {
    /// Where the board's forms post: `/home`, or `/home/b/<token>` for a device without cookies.
    pub base: String,
    pub children: Vec<BoardChild>,
    /// Today's ただいま: 「ゆうた 15:42」.
    pub tadaima: Vec<String>,
    /// The replies offered (`domain::notebook::home::REPLIES`).
    pub replies: Vec<String>,
    /// The device keeps its board in the URL: ask to bookmark it.
    pub bookmark: bool,
}

/// One message with its reply buttons.
pub fn message_item(ctx: &Ctx, view: &BoardView, message: &BoardMessage) -> Markup {
    let several = message.answerers.len() > 1;
    html! {
        div.msg {
            (message.time) " " (message.text)
            @if let Some(to) = &message.to { " " span.to { (to) } }
        }
        @for reply in &message.replies { div.answered { (reply) } }
        @for child in &message.answerers {
            (form(ctx, &format!("{}/reply", view.base), true, html! {
                (hidden("note", &message.id.to_string()))
                (hidden("child", &child.id.to_string()))
                div.replies {
                    @if several { (child.name) "：" }
                    @for reply in &view.replies { input type="submit" name="reply" value=(reply); " " }
                }
            }))
        }
    }
}

pub fn board(ctx: &Ctx, view: &BoardView, messages: &ListPage<'_>) -> String {
    let extra = if ctx.styling == Styling::Sheet { STYLE } else { "" };
    styled_page(
        ctx,
        "伝言板",
        Some(REFRESH_SECONDS),
        extra,
        html! {
            @for child in &view.children {
                (form(ctx, &format!("{}/tadaima", view.base), true, html! {
                    (hidden("child", &child.id.to_string()))
                    div.tadaima { (submit(&format!("{} ただいま", child.name))) }
                }))
            }
            @if !view.tadaima.is_empty() {
                div { "きょうのただいま：" (view.tadaima.join("、")) }
            }
            hr;
            @if messages.items.is_empty() { div { "伝言はありません。" } }
            @for item in messages.items { (item) }
            (pager(ctx, &view.base, messages.page, messages.pages))
            @if view.bookmark { div { "このページをブックマークしておくと、次からすぐ開けます。" } }
        },
    )
}
