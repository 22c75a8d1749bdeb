//! あぃあぃ広場: the portal's front door, one menu to its parts.

use crate::components::{footer, menu};
use crate::ctx::Ctx;
use crate::layout::page;
use crate::pages::search::search_box;
use maud::html;

pub fn portal(ctx: &Ctx) -> String {
    page(
        ctx,
        "あぃあぃ広場",
        html! {
            div { "地域の子育て情報と、ママ・パパのクチコミやコミュニティ。" }
            (search_box(ctx))
            (menu(ctx, &[
                ("/posts", "みんなのクチコミ"),
                ("/events", "イベント・講座"),
                ("/facilities", "子育て施設・一時預かりの空き"),
                ("/posts/new", "クチコミを書く"),
                ("/help/mail", "メールで投稿するには"),
                ("/communities", "コミュニティ"),
            ]))
            (footer(ctx))
        },
    )
}
