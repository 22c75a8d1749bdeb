//! The top page (トップ): notices from the city and the main menu.

use crate::components::{footer, link, menu, pager, separator, subheading, ListPage};
use crate::ctx::{Ctx, Flavor};
use crate::layout::page;
use crate::pages::search::search_box;
use maud::{html, Markup};

/// One notice on the top page.
#[derive(Debug, Clone)]
pub struct NoticeItem {
    pub id: i64,
    pub title: String,
    /// Display date, e.g. `11/20`.
    pub date: String,
}

/// One line of the notice list (rendered alone so the list can be paged by size).
pub fn notice_item(ctx: &Ctx, item: &NoticeItem) -> Markup {
    html! { (item.date) " " (link(ctx, &format!("/notices/{}", item.id), &item.title, None)) br; }
}

/// The menu of the four parts of Hiroba.
const MENU: [(&str, &str); 4] = [
    ("/portal", "あぃあぃ広場（地域の子育て情報）"),
    ("/support", "送迎・あずかり支援"),
    ("/notebook", "デジタル連絡帳・伝言板"),
    ("/watch", "子どもの見守り"),
];

/// `events` is the 「今週のイベント」 block (a few lines).
pub fn home(ctx: &Ctx, list: &ListPage<'_>, events: &Markup) -> String {
    page(
        ctx,
        "かしわ子育てひろば",
        html! {
            div { "ようこそ☀ 子育て中のみなさんの広場です。" }
            (menu(ctx, &MENU))
            (search_box(ctx))
            (separator(ctx))
            (events)
            (subheading(ctx, "お知らせ"))
            @for notice in list.items { (notice) }
            (pager(ctx, "/", list.page, list.pages))
            @if ctx.flavor == Flavor::Html5 {
                (separator(ctx))
                (subheading(ctx, "ケータイで見る・空メールで登録"))
                div {
                    img src="/qr/site" alt="このサイトのQRコード";
                    " "
                    img src="/qr/entry" alt="空メール登録のQRコード";
                }
            }
            (footer(ctx))
        },
    )
}
