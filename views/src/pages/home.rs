//! The top page (トップ): notices from the city and the main menu.

use crate::components::{footer, link, menu, pager, separator, subheading, ListPage};
use crate::ctx::Ctx;
use crate::layout::styled_page;
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

/// How the page offers the site and 空メール registration to a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneOffer {
    /// A PC: QR codes to scan with a phone, each with its caption.
    Scan { entry_address: String },
    /// A smartphone, which cannot scan its own screen: the 空メール as a `mailto:` link.
    Link { entry_address: String },
    /// Keitai: nothing here (their pages have the 空メール on the help page, within budget).
    Nothing,
}

/// The captioned QR codes side by side on a PC (only the top page has them).
const QR_STYLE: &str = ".qr figure{display:inline-block;vertical-align:top;max-width:15em;margin:.5em 1em .5em 0}";

/// `events` is the 「今週のイベント」 block (a few lines).
pub fn home(ctx: &Ctx, list: &ListPage<'_>, events: &Markup, offer: &PhoneOffer) -> String {
    styled_page(
        ctx,
        &ctx.service,
        None,
        QR_STYLE,
        html! {
            div { "ようこそ☀ 子育て中のみなさんの広場です。" }
            (menu(ctx, &MENU))
            (search_box(ctx))
            (separator(ctx))
            (events)
            (subheading(ctx, "お知らせ"))
            @for notice in list.items { (notice) }
            (pager(ctx, "/", list.page, list.pages))
            @match offer {
                PhoneOffer::Scan { entry_address } => {
                    (separator(ctx))
                    (subheading(ctx, "ケータイで見る・空メールで登録"))
                    div.qr {
                        figure {
                            img src="/qr/site" alt="このサイトのQRコード";
                            figcaption { "ケータイで読み取ると、このサイトが開きます。" }
                        }
                        figure {
                            img src="/qr/entry" alt="空メール登録のQRコード";
                            figcaption { "読み取って空メールを送ると、登録のご案内が届きます（" (entry_address) "）。" }
                        }
                    }
                }
                PhoneOffer::Link { entry_address } => {
                    (separator(ctx))
                    (subheading(ctx, "空メールで登録"))
                    div {
                        a href=(format!("mailto:{entry_address}")) { "空メールを送る（" (entry_address) "）" }
                    }
                    div { "件名も本文もないままで送ると、登録のご案内が届きます。" }
                }
                PhoneOffer::Nothing => {}
            }
            (footer(ctx))
        },
    )
}
