//! The page frame per markup flavour.

use crate::ctx::{Ctx, Flavor, Styling};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The style sheet for PC, smartphone and keypad phones: small, responsive, readable by older eyes.
const STYLE: &str = "body{font-family:sans-serif;max-width:46em;margin:0 auto;padding:.5em;line-height:1.6;\
font-size:1.05em;color:#222}h1{font-size:1.3em;background:#f6a;color:#fff;padding:.2em .4em;margin:0 0 .5em}\
h2{font-size:1.1em;border-bottom:2px solid #f6a}a{color:#05c}ul.nav{list-style:none;padding:0}\
ul.nav li{padding:.35em 0;border-bottom:1px solid #eee}.key{color:#c36;font-weight:bold}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\
input,textarea,button{font-size:1em;max-width:100%}img{max-width:100%;height:auto}.foot{font-size:.85em;color:#666;margin-top:1em}";

/// What the coordinator console adds to the style sheet: on a PC it takes the screen's width
/// (wide tables, headers that do not break mid-word); a table wider than a phone's screen scrolls
/// inside its `div.wide` instead of widening the page.
pub const CONSOLE_STYLE: &str = "body{max-width:90em}th{white-space:nowrap}.wide{overflow-x:auto;max-width:100%}";

/// A whole page: the flavour's prologue, a title bar, the body and the footer.
pub fn page(ctx: &Ctx, title: &str, body: Markup) -> String {
    frame(ctx, title, None, "", body)
}

/// A page that reloads itself every `seconds` on PC and smartphone (a live board); keitai reload
/// by hand, since a refresh costs their owners packet fees.
pub fn refreshing_page(ctx: &Ctx, title: &str, seconds: u32, body: Markup) -> String {
    frame(ctx, title, Some(seconds), "", body)
}

/// A coordinator's page with rules added to the style sheet (a wider layout for a PC screen, a
/// print layout) and, when `refresh` is given, reloading itself like `refreshing_page`. Devices
/// without a style sheet get the plain page.
pub fn styled_page(ctx: &Ctx, title: &str, refresh: Option<u32>, extra_style: &str, body: Markup) -> String {
    frame(ctx, title, refresh, extra_style, body)
}

/// A page of the coordinator console (`/admin/…`): the PC-wide layout of `CONSOLE_STYLE`.
pub fn console_page(ctx: &Ctx, title: &str, body: Markup) -> String {
    frame(ctx, title, None, CONSOLE_STYLE, body)
}

fn frame(ctx: &Ctx, title: &str, refresh: Option<u32>, extra_style: &str, body: Markup) -> String {
    let markup = match ctx.flavor {
        Flavor::Chtml => html! {
            html {
                head {
                    meta http-equiv="Content-Type" content={ "text/html; charset=" (ctx.charset) };
                    title { (title) }
                }
                body {
                    (crate::components::heading(ctx, title))
                    (body)
                }
            }
        },
        Flavor::Xhtml => html! {
            (PreEscaped(format!("<?xml version=\"1.0\" encoding=\"{}\"?>", ctx.charset)))
            (PreEscaped("<!DOCTYPE html PUBLIC \"-//WAPFORUM//DTD XHTML Mobile 1.0//EN\" \"http://www.wapforum.org/DTD/xhtml-mobile10.dtd\">"))
            html xmlns="http://www.w3.org/1999/xhtml" lang="ja" xml:lang="ja" {
                head {
                    meta http-equiv="Content-Type" content={ "application/xhtml+xml; charset=" (ctx.charset) };
                    title { (title) }
                }
                body {
                    (crate::components::heading(ctx, title))
                    (body)
                }
            }
        },
        Flavor::SmallHtml | Flavor::Html5 => html! {
            (DOCTYPE)
            html lang="ja" {
                head {
                    meta charset="UTF-8";
                    meta name="viewport" content="width=device-width,initial-scale=1";
                    title { (tab_title(ctx, title)) }
                    @if let Some(seconds) = refresh.filter(|_| ctx.flavor == Flavor::Html5) {
                        meta http-equiv="refresh" content=(seconds);
                    }
                    @if ctx.styling == Styling::Sheet { style { (PreEscaped(STYLE)) (PreEscaped(extra_style)) } }
                }
                body {
                    (crate::components::heading(ctx, title))
                    main { (body) }
                }
            }
        },
    };
    let text = markup.into_string();
    if ctx.flavor == Flavor::Xhtml {
        close_void_elements(&text)
    } else {
        text
    }
}

/// A browser tab's title: the page's, then the service's name (the top page is the name alone).
/// Keitai title bars are a few characters wide, so their pages keep the page's title only.
fn tab_title(ctx: &Ctx, title: &str) -> String {
    if title == ctx.service || ctx.service.is_empty() {
        title.to_string()
    } else {
        format!("{title} - {}", ctx.service)
    }
}

/// maud writes `<br>`; XHTML needs `<br />`. Attribute values are escaped, so `>` ends the tag.
fn close_void_elements(html: &str) -> String {
    const VOID: [&str; 6] = ["<br", "<hr", "<img", "<input", "<meta", "<link"];
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let is_void = VOID
            .iter()
            .any(|tag| rest.starts_with(tag) && matches!(rest.as_bytes().get(tag.len()), Some(b' ' | b'>' | b'/')));
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        if is_void && tag.ends_with('>') && !tag.ends_with("/>") {
            out.push_str(&tag[..tag.len() - 1]);
            out.push_str(" />");
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::close_void_elements;

    #[test]
    fn void_elements_are_closed_for_xml() {
        assert_eq!(
            close_void_elements("<p>a<br>b<hr><input name=\"x\"></p>"),
            "<p>a<br />b<hr /><input name=\"x\" /></p>"
        );
        assert_eq!(close_void_elements("<b>bold</b><br />"), "<b>bold</b><br />");
    }
}
