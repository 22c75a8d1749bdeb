//! `/support`: what 送迎・あずかり支援 is and how to join, or the member's menu by membership.

use crate::components::{alert, footer, link, menu, subheading};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

/// How the member takes part, when she does.
#[derive(Debug, Clone)]
pub struct Enrolled {
    /// 依頼会員, 提供会員 or 両方会員.
    pub membership: String,
    pub asks: bool,
    pub helps: bool,
    /// For a supporter: whether offers reach her, in plain words.
    pub supporter_state: Option<String>,
    /// For a supporter: whether offers can reach her at all.
    pub offerable: bool,
}

#[derive(Debug, Clone)]
pub struct SupportHomeView {
    pub enrolled: Option<Enrolled>,
    /// A coordinator: link to the centre's pages.
    pub coordinator: bool,
    pub notice: Option<String>,
}

pub fn support_home(ctx: &Ctx, view: &SupportHomeView) -> String {
    page(
        ctx,
        "送迎・あずかり支援",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @match &view.enrolled {
                None => {
                    div { "子育ての手助けをしてほしい方（依頼会員）と、手助けをしたい地域の方（提供会員）をつなぐ、ファミリー・サポートの仕組みです。" }
                    div { "保育園・学校への送り迎えや、お子さんのあずかりを、ケータイから頼めます。当日の依頼もできます。" }
                    div { "提供会員は、センターの講習と面談を受けてから活動を始めます。" }
                    div { (link(ctx, "/support/join", "会員になる", Some(1))) }
                }
                Some(e) => {
                    div { "あなたは" (e.membership) "です。" }
                    @if e.asks {
                        (subheading(ctx, "依頼する"))
                        (menu(ctx, &[
                            ("/support/requests/new", "依頼する"),
                            ("/support/requests", "依頼の一覧"),
                            ("/support/children", "子どもの登録"),
                        ]))
                    }
                    @if e.helps {
                        (subheading(ctx, "提供会員"))
                        @if let Some(state) = &e.supporter_state {
                            @if e.offerable { div { (state) } } @else { (alert(ctx, state)) }
                        }
                        @for (path, label) in [
                            ("/support/offers", "届いた依頼・活動"),
                            ("/support/availability", "活動できる日時"),
                            ("/support/profile", "提供内容"),
                            ("/support/statement", "今月の活動"),
                        ] {
                            div { (link(ctx, path, label, None)) }
                        }
                    }
                    div { (link(ctx, "/support/join", "会員の種類・連絡先の変更", None)) }
                }
            }
            @if view.coordinator {
                div { (link(ctx, "/admin/support", "センターの管理画面", None)) }
            }
            (footer(ctx))
        },
    )
}
