//! Answering an offer (by the link or by a reply mail) and assigning by hand. The first
//! acceptance wins through `Progress::win`, the one conditional UPDATE of the request's progress.

use super::confirm::{close_offers, confirm};
use super::describe::describe;
use super::wave::send_next_wave;
use crate::context::Context;
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::{Progress, SupportRequest};
use crate::db::{write_transaction, DbConnection};
use crate::domain::support::ids::SupporterId;
use crate::domain::support::status::{OfferStatus, RequestStatus};
use diesel::QueryResult;

/// How she answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Mail,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Mail => "mail",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Channel::Web => "リンク",
            Channel::Mail => "返信",
        }
    }
}

/// What her answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// She won the request.
    Won,
    /// Her decline was recorded.
    Declined,
    /// Someone else was matched first (ほかの方に決まりました).
    Lost,
    /// The request was cancelled (この依頼は取り消されました).
    Cancelled,
    /// She had answered already (accepted or declined).
    AlreadyAnswered(OfferStatus),
}

/// Answers offer `offer_id`: accept or decline. Opens its own write transaction.
pub fn answer_offer(
    ctx: &Context,
    conn: &mut DbConnection,
    offer_id: i64,
    accept: bool,
    channel: Channel,
) -> QueryResult<Answered> {
    write_transaction(conn, |conn| {
        let Some(offer) = Offer::find(conn, offer_id)? else {
            return Ok(Answered::Cancelled);
        };
        let request_id = offer.request_id;
        match offer.status() {
            OfferStatus::Sent => {}
            status @ (OfferStatus::Accepted | OfferStatus::Declined) => return Ok(Answered::AlreadyAnswered(status)),
            OfferStatus::Lost | OfferStatus::Withdrawn => return closed_answer(conn, request_id),
        }
        if !accept {
            if !Offer::answer(conn, offer.id, OfferStatus::Declined, channel.as_str())? {
                return closed_answer(conn, request_id);
            }
            SupportLog::record(
                conn,
                Some(request_id),
                Some(offer.supporter_id),
                "declined",
                &format!("辞退（{}）", channel.label()),
            )?;
            // Everyone of this wave said no: the next wave need not wait for the deadline.
            if Offer::unanswered(conn, request_id)? == 0 {
                send_next_wave(ctx, conn, request_id)?;
            }
            return Ok(Answered::Declined);
        }
        if !Progress::win(conn, request_id, SupporterId(offer.supporter_id), None)? {
            Offer::answer(conn, offer.id, OfferStatus::Lost, channel.as_str())?;
            return closed_answer(conn, request_id);
        }
        Offer::answer(conn, offer.id, OfferStatus::Accepted, channel.as_str())?;
        SupportLog::record(
            conn,
            Some(request_id),
            Some(offer.supporter_id),
            "accepted",
            &format!("引き受け（{}）", channel.label()),
        )?;
        after_match(ctx, conn, request_id, OfferStatus::Lost, None)?;
        Ok(Answered::Won)
    })
}

/// Assigns `supporter_id` to a request still looking for one, by coordinator `by`; false when
/// the request was matched or cancelled meanwhile. Offers still out are withdrawn. Opens its own
/// write transaction.
pub fn assign_by_hand(
    ctx: &Context,
    conn: &mut DbConnection,
    request_id: i64,
    supporter_id: i64,
    by: i64,
) -> QueryResult<bool> {
    write_transaction(conn, |conn| {
        if !Progress::win(conn, request_id, SupporterId(supporter_id), Some(by))? {
            return Ok(false);
        }
        SupportLog::record(
            conn,
            Some(request_id),
            Some(by),
            "assigned",
            &format!("手動で割り当て（提供会員 #{supporter_id}）"),
        )?;
        after_match(ctx, conn, request_id, OfferStatus::Withdrawn, Some(supporter_id))?;
        Ok(true)
    })
}

/// Closes the other offers and sends the confirmations.
fn after_match(
    ctx: &Context,
    conn: &mut DbConnection,
    request_id: i64,
    close_as: OfferStatus,
    except: Option<i64>,
) -> QueryResult<()> {
    if let Some(request) = SupportRequest::find(conn, request_id)? {
        let described = describe(conn, &request)?;
        close_offers(conn, &request, &described.when, close_as, false, except)?;
    }
    confirm(ctx, conn, request_id)
}

/// The answer for an offer that can no longer be taken: cancelled or someone else's.
fn closed_answer(conn: &mut DbConnection, request_id: i64) -> QueryResult<Answered> {
    let status = SupportRequest::find(conn, request_id)?.map(|r| r.progress.status());
    Ok(match status {
        Some(RequestStatus::Cancelled) | None => Answered::Cancelled,
        _ => Answered::Lost,
    })
}
