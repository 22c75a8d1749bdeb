//! `/notebook/join`: typing a child's 申込コード (or arriving with it from the QR code).

use crate::components::{alert, footer, form, label, link, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone, Default)]
pub struct JoinView {
    /// The code as typed (or from the QR code's link).
    pub code: String,
    pub error: Option<String>,
}

/// The code field and its button, posting to `/notebook/join`.
pub fn code_form(ctx: &Ctx, code: &str) -> Markup {
    form(
        ctx,
        "/notebook/join",
        true,
        html! {
            (label("申込コード（8文字、例 K7M2-P9QX）"))
            (text_input(ctx, "code", code, InputKind::Latin, 12))
            div { (submit("登録する")) }
        },
    )
}

pub fn join(ctx: &Ctx, view: &JoinView) -> String {
    page(
        ctx,
        "子どもを登録",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "学校からのお手紙にある、お子さんの申込コードを入力してください。" }
            (code_form(ctx, &view.code))
            div { "きょうだいは、お一人ずつ登録します。学校によっては、先生の承認のあとで使えるようになります。" }
            div { (link(ctx, "/notebook", "連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
