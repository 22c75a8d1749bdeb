//! `/support/o/{token}`: the offer's link, without a password: the token is hers and this
//! offer's. GET shows the offer and two buttons; only a POST answers (a mail client or a
//! crawler following the link never accepts). A forged token gets 「このリンクは無効です」.

use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::SupportRequest;
use crate::db::DbConnection;
use crate::domain::support::status::{OfferStatus, RequestStatus};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, page, KeitaiForm, Visitor};
use crate::support::accept::{answer_offer, Answered, Channel};
use crate::support::describe::describe;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::QueryResult;
use hiroba_views::pages::errors::error;
use hiroba_views::pages::support::offers::{offer_page, OfferPage, OfferSummary};

/// What an offer says, without names or address.
pub fn summary(conn: &mut DbConnection, offer: &Offer, request: &SupportRequest) -> QueryResult<OfferSummary> {
    let d = describe(conn, request)?;
    Ok(OfferSummary {
        token: offer.token.clone(),
        when: d.when,
        kind: d.kind,
        areas: d.areas,
        ages: d.ages,
        urgent: request.asked.urgent,
        first_meeting: !offer.met_family,
    })
}

pub async fn show(visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let found = visitor
        .db(move |conn| {
            let Some(offer) = Offer::by_token(conn, &token)? else {
                return Ok(None);
            };
            let Some(request) = SupportRequest::find(conn, offer.request_id)? else {
                return Ok(None);
            };
            let when = describe(conn, &request)?.when;
            let view = match (offer.status(), request.progress.status()) {
                (OfferStatus::Sent, RequestStatus::Open | RequestStatus::Unfilled) => {
                    OfferPage::Open(summary(conn, &offer, &request)?)
                }
                (OfferStatus::Accepted, _) => OfferPage::Won { when },
                (OfferStatus::Declined, _) => OfferPage::Declined { when },
                (_, RequestStatus::Cancelled) => OfferPage::Cancelled { when },
                _ => OfferPage::Lost { when },
            };
            Ok(Some(view))
        })
        .await?;
    match found {
        Some(view) => Ok(ok(&visitor, &offer_page(&ctx(&visitor), &view))),
        None => Ok(invalid(&visitor)),
    }
}

pub async fn answer(visitor: Visitor, token: web::Path<String>, form: KeitaiForm) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let accept = match form.0.get("answer") {
        Some("accept") => true,
        Some("decline") => false,
        _ => return Err(AppError::BadInput("answer".into())),
    };
    let ctx_arc = std::sync::Arc::clone(&visitor.state().ctx);
    let answered = visitor
        .db(move |conn| {
            let Some(offer) = Offer::by_token(conn, &token)? else {
                return Ok(None);
            };
            let answered = answer_offer(&ctx_arc, conn, offer.id, accept, Channel::Web)?;
            let when = match SupportRequest::find(conn, offer.request_id)? {
                Some(request) => describe(conn, &request)?.when,
                None => String::new(),
            };
            Ok(Some((answered, when)))
        })
        .await?;
    let Some((answered, when)) = answered else {
        return Ok(invalid(&visitor));
    };
    visitor.state().wakeup.notify();
    let view = match answered {
        Answered::Won | Answered::AlreadyAnswered(OfferStatus::Accepted) => OfferPage::Won { when },
        Answered::Declined | Answered::AlreadyAnswered(_) => OfferPage::Declined { when },
        Answered::Lost => OfferPage::Lost { when },
        Answered::Cancelled => OfferPage::Cancelled { when },
    };
    Ok(ok(&visitor, &offer_page(&ctx(&visitor), &view)))
}

fn invalid(visitor: &Visitor) -> HttpResponse {
    let html = error(
        &ctx(visitor),
        "支援のお願い",
        "このリンクは無効です。メールのリンクをもう一度お確かめください。",
    );
    page(visitor, StatusCode::NOT_FOUND, &html)
}
