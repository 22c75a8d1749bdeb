//! マイページ's account settings: the password (after the current one) and the nickname.

use crate::components::{alert, footer, form, label, password_input, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// パスワードの変更, with the problem of the last try if any.
pub fn change_password(ctx: &Ctx, error: Option<&str>) -> String {
    page(
        ctx,
        "パスワードの変更",
        html! {
            @if let Some(error) = error { (alert(ctx, error)) }
            (form(ctx, "/mypage/password", true, html! {
                (label("いまのパスワード"))
                (password_input(ctx, "current", 12))
                (label("新しいパスワード（8文字以上）"))
                (password_input(ctx, "password", 12))
                br;
                (submit("変更する"))
            }))
            div { "変更すると、この端末のほかはすべてログアウトします。" }
            (footer(ctx))
        },
    )
}

/// ニックネームの変更: `nickname` is the current one, or what was typed when it was refused.
pub fn change_nickname(ctx: &Ctx, nickname: &str, error: Option<&str>) -> String {
    page(
        ctx,
        "ニックネームの変更",
        html! {
            @if let Some(error) = error { (alert(ctx, error)) }
            (form(ctx, "/mypage/nickname", true, html! {
                (label("ニックネーム（ほかの会員に表示、20文字まで）"))
                (text_input(ctx, "nickname", nickname, InputKind::Japanese, 12))
                br;
                (submit("変更する"))
            }))
            (footer(ctx))
        },
    )
}
