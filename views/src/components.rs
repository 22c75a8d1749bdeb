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

/// A form with the hidden fields every form carries: session id, CSRF token (POST) and the charset hint.
pub fn form(ctx: &Ctx, action: &str, post: bool, body: Markup) -> Markup {
    let method = if post { "post" } else { "get" };
    html! {
        form action=(action) method=(method) accept-charset=(ctx.charset) {
            @if let Some(sid) = &ctx.sid { input type="hidden" name="sid" value=(sid); }
            @if post { @if let Some(csrf) = &ctx.csrf { input type="hidden" name="csrf" value=(csrf); } }
            input type="hidden" name=(CHARSET_HINT_FIELD) value=(CHARSET_HINT_VALUE);
            (body)
        }
    }
}

/// A file upload form (multipart); keitai that cannot upload are offered mail instead by the caller.
pub fn upload_form(ctx: &Ctx, action: &str, body: Markup) -> Markup {
    html! {
        form action=(ctx.url(action)) method="post" enctype="multipart/form-data" accept-charset=(ctx.charset) {
            @if let Some(csrf) = &ctx.csrf { input type="hidden" name="csrf" value=(csrf); }
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

/// The footer with the way home (key 0) and the device page.
pub fn footer(ctx: &Ctx) -> Markup {
    html! {
        (separator(ctx))
        div.foot {
            (link(ctx, "/", "トップへ", Some(0)))
            " "
            a href=(ctx.url("/device")) { "ご利用の機種" }
        }
    }
}

/// Escapes text for an attribute value or element content.
fn escape(text: &str) -> String {
    html! { (text) }.into_string()
}
