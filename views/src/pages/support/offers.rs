//! A supporter's offers: the list waiting for her answer and her matched activities, and the
//! one-button page of an offer's link (no password: the link's token is the key).

use crate::components::{alert, footer, form, hidden, link, subheading, submit};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

/// An offer as she reads it: no names, no address.
#[derive(Debug, Clone)]
pub struct OfferSummary {
    pub token: String,
    pub when: String,
    pub kind: String,
    pub areas: String,
    pub ages: String,
    pub urgent: bool,
    pub first_meeting: bool,
}

/// Her matched activity.
#[derive(Debug, Clone)]
pub struct ActivityItem {
    pub id: i64,
    pub when: String,
    pub kind: String,
    pub state: String,
}

pub fn offers_page(ctx: &Ctx, waiting: &[OfferSummary], activities: &[ActivityItem]) -> String {
    page(
        ctx,
        "支援のお願い",
        html! {
            (subheading(ctx, "お返事待ち"))
            @if waiting.is_empty() { div { "いまはありません。" } }
            @for offer in waiting {
                div {
                    @if offer.urgent { "【急ぎ】" }
                    (link(ctx, &format!("/support/o/{}", offer.token), &offer.when, None))
                    br; (offer.kind) " " (offer.ages)
                }
            }
            (subheading(ctx, "引き受けた活動"))
            @if activities.is_empty() { div { "いまはありません。" } }
            @for a in activities {
                div {
                    (link(ctx, &format!("/support/activities/{}", a.id), &a.when, None))
                    br; (a.kind) "：" (a.state)
                }
            }
            (footer(ctx))
        },
    )
}

/// What the offer's link page shows.
#[derive(Debug, Clone)]
pub enum OfferPage {
    /// Still open: the offer and two buttons.
    Open(OfferSummary),
    /// She won it.
    Won {
        when: String,
    },
    Declined {
        when: String,
    },
    /// Too late: someone else was matched.
    Lost {
        when: String,
    },
    /// The request was cancelled.
    Cancelled {
        when: String,
    },
}

pub fn offer_page(ctx: &Ctx, view: &OfferPage) -> String {
    let body = match view {
        OfferPage::Open(offer) => html! {
            @if offer.urgent { div { "【急ぎ】" } }
            div { "日時：" (offer.when) }
            div { "内容：" (offer.kind) }
            div { "地域：" (offer.areas) }
            div { "お子さん：" (offer.ages) }
            @if offer.first_meeting {
                div { "はじめてのご家庭です。活動の前にセンターで事前打合せをします。" }
            }
            (form(ctx, &format!("/support/o/{}", offer.token), true, html! {
                (hidden("answer", "accept"))
                div { (submit("引き受ける")) }
            }))
            (form(ctx, &format!("/support/o/{}", offer.token), true, html! {
                (hidden("answer", "decline"))
                div { (submit("辞退する")) }
            }))
            div { "先に引き受けた方に決まります。" }
        },
        OfferPage::Won { when } => html! {
            (alert(ctx, "引き受けていただき、ありがとうございます。"))
            div { (when) "の支援はあなたに決まりました。詳しい内容をメールでお送りしました。" }
        },
        OfferPage::Declined { when } => html! {
            div { (when) "のお願いは辞退されました。" }
        },
        OfferPage::Lost { when } => html! {
            (alert(ctx, "ほかの方に決まりました。"))
            div { (when) "のお願いは、ほかの方に決まりました。ご協力ありがとうございました。" }
        },
        OfferPage::Cancelled { when } => html! {
            (alert(ctx, "この依頼は取り消されました。"))
            div { (when) "のお願いは取り消されました。" }
        },
    };
    page(ctx, "支援のお願い", html! { (body) (footer(ctx)) })
}
