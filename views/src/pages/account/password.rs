//! 「パスワードを忘れた方」: the form that asks for the address, the answer (the same for every
//! address), and the form that sets the new password from the mailed link.

use crate::components::{alert, footer, form, hidden, label, link, password_input, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct ForgotView {
    /// The address as typed (kept when it could not be read).
    pub email: String,
    pub error: Option<String>,
}

pub fn forgot(ctx: &Ctx, view: &ForgotView) -> String {
    page(
        ctx,
        "パスワードを忘れた方",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "登録したメールアドレスを入力してください。パスワードを設定し直すためのURLをメールでお送りします。" }
            (form(ctx, "/password/forgot", true, html! {
                (label("メールアドレス"))
                (text_input(ctx, "email", &view.email, InputKind::Latin, 20))
                br;
                (submit("送信する"))
            }))
            (footer(ctx))
        },
    )
}

/// The answer to every well-formed address, registered or not: the page never tells which.
pub fn forgot_sent(ctx: &Ctx, minutes: i64) -> String {
    page(
        ctx,
        "メールをご確認ください",
        html! {
            div { "入力されたアドレスが登録されていれば、パスワードを設定し直すためのURLをお送りしました。" }
            div { "URLの有効期限は" (minutes) "分です。" }
            div { "メールが届かないときは、アドレスが正しいか、迷惑メールの設定（指定受信）でこのサイトのドメインを受信できるようにしてあるかお確かめください。" }
            (footer(ctx))
        },
    )
}

#[derive(Debug, Clone)]
pub struct ResetView {
    /// The link's token, sent back with the form (never shown).
    pub token: String,
    pub error: Option<String>,
}

/// The mailed link, opened: the new password, once (as on the registration form).
pub fn reset(ctx: &Ctx, view: &ResetView) -> String {
    page(
        ctx,
        "新しいパスワードの設定",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "新しいパスワードを入力してください。" }
            (form(ctx, "/password/reset", true, html! {
                (hidden("t", &view.token))
                (label("新しいパスワード（8文字以上）"))
                (password_input(ctx, "password", 12))
                br;
                (submit("設定する"))
            }))
            div { "設定すると、ほかの端末でのログインはすべて終了します。" }
            (footer(ctx))
        },
    )
}

/// A link that cannot set a password (used, expired, replaced or unknown): why, and the way to
/// ask again.
pub fn link_refused(ctx: &Ctx, title: &str, text: &str) -> String {
    page(
        ctx,
        title,
        html! {
            div { (text) }
            div { (link(ctx, "/password/forgot", "もう一度申し込む", Some(1))) }
            (footer(ctx))
        },
    )
}
