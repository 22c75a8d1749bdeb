//! Device-aware building blocks: links with access keys, forms with hidden fields, inputs with
//! input-mode hints, pagers, images, separators and emoji.

use crate::ctx::{Ctx, Flavor, InputHint, InputKind, Styling};
use maud::{html, Markup, PreEscaped};

/// Keycap emoji 0–9: the encoder turns them into each carrier's number-key emoji.
const KEYCAPS: [&str; 10] = [
    "0\u{20E3}",
    "1\u{20E3}",
    "2\u{20E3}",
    "3\u{20E3}",
    "4\u{20E3}",
    "5\u{20E3}",
    "6\u{20E3}",
    "7\u{20E3}",
    "8\u{20E3}",
    "9\u{20E3}",
];

/// The hidden field that carries the session's CSRF token on every POST form.
pub const CSRF_FIELD: &str = "csrf";

/// The hidden field that tells the server which charset the browser really used.
pub const CHARSET_HINT_FIELD: &str = "_enc";
/// Its value: a kana that is two bytes in Shift_JIS and three in UTF-8.
pub const CHARSET_HINT_VALUE: &str = "あ";

/// The page title bar.
pub fn heading(ctx: &Ctx, title: &str) -> Markup {
    match ctx.styling {
        Styling::Inline => html! {
            div style="background-color:#ff66aa;color:#ffffff;text-align:center;" { (title) }
        },
        Styling::Sheet => html! { h1 { (title) } },
        Styling::None if ctx.flavor == Flavor::Chtml => html! {
            div align="center" { font color="#ff3399" { (title) } }
            hr;
        },
        Styling::None => html! { div { (title) } hr; },
    }
}

/// A section heading inside a page.
pub fn subheading(ctx: &Ctx, text: &str) -> Markup {
    match ctx.styling {
        Styling::Inline => html! { div style="color:#cc3366;" { (text) } },
        Styling::Sheet => html! { h2 { (text) } },
        Styling::None => html! { div { "■" (text) } },
    }
}

/// A link to one of our pages. On keypad devices a number key opens it and its mark is shown.
pub fn link(ctx: &Ctx, path: &str, label: &str, key: Option<u8>) -> Markup {
    let key = key.filter(|_| ctx.keypad).filter(|k| *k <= 9);
    html! {
        @if let Some(k) = key {
            (KEYCAPS[k as usize])
            a href=(ctx.url(path)) accesskey=(k) { (label) }
        } @else {
            a href=(ctx.url(path)) { (label) }
        }
    }
}

/// A link to another site, through the interstitial when the URL carries a session id.
pub fn external_link(ctx: &Ctx, url: &str, label: &str) -> Markup {
    html! { a href=(ctx.external_url(url)) { (label) } }
}

/// A vertical menu of links, numbered 1–9 on keypad devices.
pub fn menu(ctx: &Ctx, items: &[(&str, &str)]) -> Markup {
    let numbered = items
        .iter()
        .enumerate()
        .map(|(i, item)| (u8::try_from(i + 1).ok().filter(|k| *k <= 9), item));
    match ctx.flavor {
        Flavor::Chtml | Flavor::Xhtml => html! {
            @for (key, (path, label)) in numbered { (link(ctx, path, label, key)) br; }
        },
        Flavor::SmallHtml | Flavor::Html5 => html! {
            ul.nav { @for (key, (path, label)) in numbered { li { (link(ctx, path, label, key)) } } }
        },
    }
}

/// A form with the hidden fields every form carries: CSRF token (POST), charset hint, and the session
/// id — in the action URL for POST, as a field for GET (a GET form replaces the action's query).
pub fn form(ctx: &Ctx, action: &str, post: bool, body: Markup) -> Markup {
    html! {
        @if post {
            form action=(ctx.url(action)) method="post" accept-charset=(ctx.charset) {
                @if let Some(csrf) = &ctx.csrf { input type="hidden" name=(CSRF_FIELD) value=(csrf); }
                input type="hidden" name=(CHARSET_HINT_FIELD) value=(CHARSET_HINT_VALUE);
                (body)
            }
        } @else {
            form action=(action) method="get" accept-charset=(ctx.charset) {
                @if let Some(sid) = &ctx.sid { input type="hidden" name="sid" value=(sid); }
                input type="hidden" name=(CHARSET_HINT_FIELD) value=(CHARSET_HINT_VALUE);
                (body)
            }
        }
    }
}

/// A file upload form (multipart); keitai that cannot upload are offered mail instead by the caller.
pub fn upload_form(ctx: &Ctx, action: &str, body: Markup) -> Markup {
    html! {
        form action=(ctx.url(action)) method="post" enctype="multipart/form-data" accept-charset=(ctx.charset) {
            @if let Some(csrf) = &ctx.csrf { input type="hidden" name=(CSRF_FIELD) value=(csrf); }
            input type="hidden" name=(CHARSET_HINT_FIELD) value=(CHARSET_HINT_VALUE);
            (body)
        }
    }
}

/// A one-line text field with the device's input-mode hint.
pub fn text_input(ctx: &Ctx, name: &str, value: &str, kind: InputKind, size: u8) -> Markup {
    let (attr, hint) = input_hint(ctx.input_hint, kind);
    let open = format!(
        "<input type=\"{}\" name=\"{}\" value=\"{}\" size=\"{size}\" {attr}=\"{hint}\">",
        if kind == InputKind::Number && ctx.input_hint == InputHint::Inputmode {
            "tel"
        } else {
            "text"
        },
        escape(name),
        escape(value),
    );
    PreEscaped(open)
}

/// A password field (Latin input mode; the value is never written back).
pub fn password_input(ctx: &Ctx, name: &str, size: u8) -> Markup {
    let (attr, hint) = input_hint(ctx.input_hint, InputKind::Latin);
    PreEscaped(format!(
        "<input type=\"password\" name=\"{}\" size=\"{size}\" {attr}=\"{hint}\">",
        escape(name)
    ))
}

/// A hidden field.
pub fn hidden(name: &str, value: &str) -> Markup {
    html! { input type="hidden" name=(name) value=(value); }
}

/// A drop-down choice; `options` are (value, label).
pub fn select(name: &str, options: &[(String, String)], selected: &str) -> Markup {
    html! {
        select name=(name) {
            @for (value, label) in options {
                @if value == selected {
                    option value=(value) selected="selected" { (label) }
                } @else {
                    option value=(value) { (label) }
                }
            }
        }
    }
}

/// One select of a filter form: its label, field name, (value, label) options and the chosen value.
pub type Filter<'a> = (&'a str, &'a str, &'a [(String, String)], &'a str);

/// A list's filter form (絞り込む): a GET of `action` with one labelled select per filter.
pub fn filter_form(ctx: &Ctx, action: &str, filters: &[Filter<'_>]) -> Markup {
    form(
        ctx,
        action,
        false,
        html! {
            @for (text, name, options, selected) in filters {
                (label(text))
                (select(name, options, selected))
            }
            (submit("絞り込む"))
        },
    )
}

/// A drop-down of plain choices that submit their own text (no `value` attribute: a 48-entry list
/// of times stays small enough for a 5 KB handset).
pub fn choice(name: &str, options: &[String], selected: &str) -> Markup {
    html! {
        select name=(name) {
            @for option in options {
                @if option == selected { option selected="selected" { (option) } } @else { option { (option) } }
            }
        }
    }
}

/// A check box with its label on the same line; sends `value` when checked.
pub fn checkbox(name: &str, value: &str, label: &str, checked: bool) -> Markup {
    html! {
        div {
            @if checked {
                input type="checkbox" name=(name) value=(value) checked="checked";
            } @else {
                input type="checkbox" name=(name) value=(value);
            }
            (label)
        }
    }
}

/// A message that needs attention (an input error, a lock), in red where the device has colour.
pub fn alert(ctx: &Ctx, text: &str) -> Markup {
    match (ctx.styling, ctx.flavor) {
        (Styling::Inline, _) => html! { div style="color:#cc0000;" { (text) } },
        (Styling::Sheet, _) => html! { p.alert { (text) } },
        (Styling::None, Flavor::Chtml) => html! { div { font color="#cc0000" { (text) } } },
        (Styling::None, _) => html! { div { (text) } },
    }
}

/// A labelled line of a form.
pub fn label(text: &str) -> Markup {
    html! { div { (text) } }
}

/// A multi-line text field.
pub fn text_area(ctx: &Ctx, name: &str, value: &str, rows: u8) -> Markup {
    let (attr, hint) = input_hint(ctx.input_hint, InputKind::Japanese);
    PreEscaped(format!(
        "<textarea name=\"{}\" rows=\"{rows}\" cols=\"20\" {attr}=\"{hint}\">{}</textarea>",
        escape(name),
        escape(value)
    ))
}

fn input_hint(hint: InputHint, kind: InputKind) -> (&'static str, &'static str) {
    match (hint, kind) {
        (InputHint::Istyle, InputKind::Japanese) => ("istyle", "1"),
        (InputHint::Istyle, InputKind::Latin) => ("istyle", "3"),
        (InputHint::Istyle, InputKind::Number) => ("istyle", "4"),
        (InputHint::Format, InputKind::Japanese) => ("format", "*M"),
        (InputHint::Format, InputKind::Latin) => ("format", "*m"),
        (InputHint::Format, InputKind::Number) => ("format", "*N"),
        (InputHint::Mode, InputKind::Japanese) => ("mode", "hiragana"),
        (InputHint::Mode, InputKind::Latin) => ("mode", "alphabet"),
        (InputHint::Mode, InputKind::Number) => ("mode", "numeric"),
        (InputHint::Inputmode, InputKind::Japanese) => ("inputmode", "text"),
        (InputHint::Inputmode, InputKind::Latin) => ("inputmode", "email"),
        (InputHint::Inputmode, InputKind::Number) => ("inputmode", "numeric"),
    }
}

/// A submit button.
pub fn submit(label: &str) -> Markup {
    html! { input type="submit" value=(label); }
}

/// One page of a list that was cut to fit the device's page budget.
#[derive(Debug, Clone, Copy)]
pub struct ListPage<'a> {
    pub items: &'a [Markup],
    /// The index of the first item shown in the whole list (a page may go on from the last).
    pub first: usize,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
}

/// Previous/next links between pages of a list; `*` and `#` are the keys on keypad devices.
pub fn pager(ctx: &Ctx, base: &str, page: usize, pages: usize) -> Markup {
    if pages <= 1 {
        return html! {};
    }
    let at = |p: usize| {
        let joiner = if base.contains('?') { '&' } else { '?' };
        ctx.url(&format!("{base}{joiner}page={p}"))
    };
    let keypad = ctx.keypad;
    html! {
        div {
            @if page > 1 {
                @if keypad { a href=(at(page - 1)) accesskey="*" { "*前へ" } } @else { a href=(at(page - 1)) { "前へ" } }
                " "
            }
            (page) "/" (pages) "ページ"
            @if page < pages {
                " "
                @if keypad { a href=(at(page + 1)) accesskey="#" { "#次へ" } } @else { a href=(at(page + 1)) { "次へ" } }
            }
        }
    }
}

/// An image at a size that fits the device.
pub fn image(src: &str, alt: &str, width: u32, height: u32) -> Markup {
    html! { img src=(src) alt=(alt) width=(width) height=(height); }
}

/// A thin separator line.
pub fn separator(ctx: &Ctx) -> Markup {
    match ctx.styling {
        Styling::Inline => html! { hr style="border-color:#ff99cc;" ; },
        _ => html! { hr; },
    }
}

/// An emoji: Unicode here; the encoder writes the viewer's carrier code or a text fallback.
pub fn emoji(text: &str) -> Markup {
    html! { (text) }
}

/// The footer: the way home (key 0), the account links, the device page.
pub fn footer(ctx: &Ctx) -> Markup {
    html! {
        (separator(ctx))
        div.foot {
            (link(ctx, "/", "トップへ", Some(0)))
            " "
            @if ctx.signed_in {
                (link(ctx, "/mypage", "マイページ", Some(8)))
                " "
                a href=(ctx.url("/logout")) { "ログアウト" }
            } @else {
                (link(ctx, "/login", "ログイン", Some(8)))
                " "
                a href=(ctx.url("/register")) { "新規登録" }
            }
            " "
            a href=(ctx.url("/device")) { "ご利用の機種" }
        }
    }
}

/// Escapes text for an attribute value or element content.
fn escape(text: &str) -> String {
    html! { (text) }.into_string()
}
