//! Account pages: login, registration, address confirmation, logout, password confirmation.
//! The forgotten-password pages are in `password`.

pub mod password;

use crate::components::{
    alert, footer, form, hidden, label, link, password_input, select, separator, subheading, submit, text_input,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

/// What the login page says about かんたんログイン.
#[derive(Debug, Clone)]
pub enum EasyLogin {
    /// Not a carrier keitai: nothing shown.
    Hidden,
    /// The form posts to this path (docomo's carries `guid=ON` so the phone sends its id).
    Offered { action: String },
    /// Switched off, with the reason members see.
    Unavailable { reason: String },
}

#[derive(Debug, Clone)]
pub struct LoginView {
    pub email: String,
    pub next: String,
    pub error: Option<String>,
    pub easy_login: EasyLogin,
}

pub fn login(ctx: &Ctx, view: &LoginView) -> String {
    page(
        ctx,
        "ログイン",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (form(ctx, "/login", true, html! {
                (hidden("next", &view.next))
                (label("メールアドレス"))
                (text_input(ctx, "email", &view.email, InputKind::Latin, 20))
                (label("パスワード"))
                (password_input(ctx, "password", 12))
                br;
                (submit("ログイン"))
            }))
            @match &view.easy_login {
                EasyLogin::Offered { action } => {
                    (separator(ctx))
                    (form(ctx, action, true, html! {
                        (hidden("next", &view.next))
                        (submit("かんたんログイン"))
                    }))
                    div { "登録したケータイなら、パスワードなしでログインできます。" }
                }
                EasyLogin::Unavailable { reason } => {
                    (separator(ctx))
                    div { "かんたんログイン：" (reason) }
                }
                EasyLogin::Hidden => {}
            }
            (separator(ctx))
            div { (link(ctx, "/register", "はじめての方（新規登録）", Some(1))) }
            div { (link(ctx, "/password/forgot", "パスワードを忘れた方", Some(2))) }
            (footer(ctx))
        },
    )
}

/// The registration form, with what was typed kept (never the password).
#[derive(Debug, Clone, Default)]
pub struct RegisterView {
    pub email: String,
    pub nickname: String,
    pub real_name: String,
    pub area: String,
    /// guardian or supporter.
    pub role: String,
    /// (id, name) of the community areas.
    pub areas: Vec<(String, String)>,
    pub errors: Vec<String>,
    /// The token of a 空メール invitation: the address is fixed and already verified.
    pub invite: Option<String>,
    /// The domain our mail comes from, which a phone that filters mail must allow (指定受信).
    pub mail_domain: String,
}

pub fn register(ctx: &Ctx, view: &RegisterView) -> String {
    let mut areas = vec![(String::new(), "選んでください".to_string())];
    areas.extend(view.areas.iter().cloned());
    page(
        ctx,
        "新規登録",
        html! {
            @for error in &view.errors { (alert(ctx, error)) }
            @if view.invite.is_none() {
                div { "登録したメールアドレスに確認のメールを送ります。" }
                div { "ケータイからは、" (link(ctx, "/help/mail", "空メール", None)) "でも登録できます。" }
                (allow_domain(ctx, &view.mail_domain))
            }
            (form(ctx, "/register", true, html! {
                (label("メールアドレス"))
                @if let Some(invite) = &view.invite {
                    div { (view.email) }
                    (hidden("invite", invite))
                } @else {
                    (text_input(ctx, "email", &view.email, InputKind::Latin, 20))
                }
                (label("パスワード（8文字以上）"))
                (password_input(ctx, "password", 12))
                (label("ニックネーム（ほかの会員に表示）"))
                (text_input(ctx, "nickname", &view.nickname, InputKind::Japanese, 12))
                (label("お名前（コーディネーターだけが見ます）"))
                (text_input(ctx, "real_name", &view.real_name, InputKind::Japanese, 12))
                @if view.areas.is_empty() {
                    (hidden("area", ""))
                } @else {
                    (label("お住まいの地域"))
                    (select("area", &areas, &view.area))
                }
                (label("ご利用のしかた"))
                (select("role", &[
                    ("guardian".to_string(), "子育て中（依頼会員）".to_string()),
                    ("supporter".to_string(), "子育てを手伝いたい（提供会員）".to_string()),
                ], &view.role))
                br;
                (submit("登録する"))
            }))
            (footer(ctx))
        },
    )
}

/// What a phone that filters mail must allow before our mails reach it, and where the steps are.
fn allow_domain(ctx: &Ctx, domain: &str) -> Markup {
    html! {
        div {
            "迷惑メール対策で受信するメールを制限している方は、先に「" (domain) "」からのメールを受信できるように設定してください（指定受信）。"
            (link(ctx, "/help/mail", "設定のしかた", None))
        }
    }
}

/// After registration: the mail is on its way (said also when the address was already registered).
pub fn register_sent(ctx: &Ctx, email: &str, mail_domain: &str) -> String {
    page(
        ctx,
        "確認メールを送りました",
        html! {
            div { (email) " あてに確認のメールを送りました。" }
            div { "メールの中のURLを24時間以内に開くと、登録が完了します。" }
            div { "メールが届かないときは、迷惑メールの設定（指定受信）で「" (mail_domain) "」を受信できるようにしてください。" (link(ctx, "/help/mail", "設定のしかた", None)) }
            (footer(ctx))
        },
    )
}

/// After a registration from a 空メール link: nothing more to confirm, only the approval to wait for.
pub fn register_done(ctx: &Ctx, email: &str) -> String {
    page(
        ctx,
        "登録を受け付けました",
        html! {
            div { (email) " で登録を受け付けました。" }
            div { "コーディネーターが承認すると、メールでお知らせします。それまでの間もログインできます。" }
            (footer(ctx))
        },
    )
}

/// The answer to a confirmation link.
pub fn message(ctx: &Ctx, title: &str, lines: &[&str]) -> String {
    page(
        ctx,
        title,
        html! {
            @for line in lines { div { (line) } }
            (footer(ctx))
        },
    )
}

/// An address confirmation link, opened: it names the member who added the address, and only a
/// POST in her session (or with her password) confirms it.
#[derive(Debug, Clone)]
pub struct ConfirmView {
    pub token: String,
    pub address: String,
    /// The nickname of the member who added the address.
    pub nickname: String,
    /// No session of hers: her password proves it is her.
    pub ask_password: bool,
    pub error: Option<String>,
}

pub fn confirm_address(ctx: &Ctx, view: &ConfirmView) -> String {
    page(
        ctx,
        "メールアドレスの確認",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (view.address) " を、ニックネーム「" (view.nickname) "」さんのアカウントに追加します。" }
            div { "ご自分のアカウントでなければ、何もせずにこのページを閉じてください。" }
            (form(ctx, "/register/confirm", true, html! {
                (hidden("t", &view.token))
                @if view.ask_password {
                    (label(&format!("「{}」さんのパスワード", view.nickname)))
                    (password_input(ctx, "password", 12))
                    br;
                }
                (submit("確認する"))
            }))
            (footer(ctx))
        },
    )
}

pub fn logout(ctx: &Ctx) -> String {
    page(
        ctx,
        "ログアウト",
        html! {
            div { "ログアウトしますか？" }
            (form(ctx, "/logout", true, html! { (submit("ログアウトする")) }))
            (footer(ctx))
        },
    )
}

#[derive(Debug, Clone)]
pub struct ReauthView {
    pub next: String,
    pub error: Option<String>,
}

/// Password once more before children's data, after かんたんログイン.
pub fn reauth(ctx: &Ctx, view: &ReauthView) -> String {
    page(
        ctx,
        "パスワードの確認",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "お子さまの情報を守るため、パスワードを入力してください。" }
            (form(ctx, "/reauth", true, html! {
                (hidden("next", &view.next))
                (password_input(ctx, "password", 12))
                br;
                (submit("確認"))
            }))
            (subheading(ctx, "ご注意"))
            div { "この確認は、かんたんログインでログインしたときに一度だけ必要です。" }
            (footer(ctx))
        },
    )
}
