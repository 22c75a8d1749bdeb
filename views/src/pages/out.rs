//! The interstitial before leaving Hiroba for another site (its URL carries no session id).

use crate::components::footer;
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

pub fn leaving(ctx: &Ctx, url: &str) -> String {
    page(
        ctx,
        "外部のサイトへ移動します",
        html! {
            div { "ここから先は、" (ctx.service) "以外のサイトです。" }
            div { a href=(url) { (url) } }
            (footer(ctx))
        },
    )
}
