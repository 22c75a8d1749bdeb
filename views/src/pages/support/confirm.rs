//! `/support/c/<token>`: the family reads the activity report and its fee, and confirms it or
//! says what is wrong.

use crate::components::{alert, footer, form, hidden, label, separator, subheading, submit, text_area};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct ConfirmView {
    pub base: String,
    pub day: String,
    pub times: String,
    pub supporter: String,
    pub note: String,
    pub fee_lines: Vec<String>,
    pub state: ConfirmState,
    /// The reason as typed (kept when it was missing something).
    pub reason: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmState {
    /// Waiting for her answer.
    Open,
    Confirmed,
    Disputed {
        reason: String,
    },
}

pub fn confirm(ctx: &Ctx, view: &ConfirmView) -> String {
    page(
        ctx,
        "活動報告のご確認",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (view.day) " " (view.times) }
            div { "提供会員：" (crate::text::san(&view.supporter)) }
            @if !view.note.is_empty() { div { "ひとこと：" (view.note) } }
            (subheading(ctx, "利用料"))
            @for line in &view.fee_lines { div { (line) } }
            (separator(ctx))
            @match &view.state {
                ConfirmState::Open => {
                    (form(ctx, &view.base, true, html! {
                        (hidden("answer", "confirm"))
                        (submit("確認する"))
                    }))
                    (form(ctx, &view.base, true, html! {
                        (hidden("answer", "dispute"))
                        (label("違うところ（例：終わりは11時でした）"))
                        (text_area(ctx, "reason", &view.reason, 3))
                        (submit("内容が違う"))
                    }))
                }
                ConfirmState::Confirmed => { div { "確認済みです。ご利用ありがとうございました。" } }
                ConfirmState::Disputed { reason } => {
                    div { "「内容が違う」とお知らせいただきました。アドバイザーが確認しています。" }
                    @if !reason.is_empty() { div { "お知らせの内容：" (reason) } }
                }
            }
            (footer(ctx))
        },
    )
}
