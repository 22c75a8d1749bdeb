//! Cancelling a request, by the family (with her reason) or by a coordinator: offers still out
//! are withdrawn, a matched supporter is told, and a late cancellation's fee is kept.

use super::confirm::close_offers;
use super::describe::describe;
use super::notify::address_of;
use crate::context::Context;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::request::{Progress, SupportRequest};
use crate::db::models::support::seeking::LIVE;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::support::fee::{Activity, FeeBreakdown};
use crate::domain::support::fee_table::Yen;
use crate::domain::support::status::{OfferStatus, RequestStatus};
use crate::domain::time::jst;
use chrono::NaiveDateTime;
use diesel::QueryResult;
use hiroba_views::mail::support::cancelled;
use hiroba_views::mail::MailText;
use std::num::NonZeroU32;

/// Who cancels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canceller {
    /// The family herself (her member id).
    Family(i64),
    /// A coordinator (her member id).
    Coordinator(i64),
}

/// What cancelling did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cancelled {
    /// Cancelled, with the late-cancellation fee in yen if one applies.
    Done { fee: Option<i64> },
    /// It could not be cancelled any more (reported, confirmed, or already cancelled).
    TooLate,
}

/// The fee cancelling `request` at `at_utc` would cost: only a matched request (a supporter has
/// set her time aside) cancelled late by the fee table's rule.
pub fn fee_if_cancelled(
    ctx: &Context,
    request: &SupportRequest,
    children: usize,
    at_utc: NaiveDateTime,
) -> Option<FeeBreakdown> {
    if request.progress.status() != RequestStatus::Matched {
        return None;
    }
    let activity = Activity {
        slot: request.asked.slot(),
        requested_at: jst(request.asked.created_at).naive_local(),
        children: NonZeroU32::new(u32::try_from(children).unwrap_or(1)).unwrap_or(NonZeroU32::MIN),
        transport: Yen::ZERO,
    };
    ctx.settings
        .support
        .fees
        .cancellation_fee(&activity, jst(at_utc).naive_local())
}

/// Cancels `request_id` (the caller checked that a family cancels her own). Opens its own
/// write transaction.
pub fn cancel(
    ctx: &Context,
    conn: &mut DbConnection,
    request_id: i64,
    by: Canceller,
    reason: &str,
) -> QueryResult<Cancelled> {
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(Cancelled::TooLate);
        };
        let children = SupportRequest::children(conn, request_id)?.len();
        let fee = fee_if_cancelled(ctx, &request, children, now()).map(|f| f.total.get());
        let (member, action) = match by {
            Canceller::Family(id) => (id, "cancelled"),
            Canceller::Coordinator(id) => (id, "cancelled_by_centre"),
        };
        if !Progress::cancel(conn, request_id, &LIVE, member, reason, fee)? {
            return Ok(Cancelled::TooLate);
        }
        let described = describe(conn, &request)?;
        close_offers(conn, &request, &described.when, OfferStatus::Withdrawn, true, None)?;
        if let Some(supporter) = request.progress.supporter_id {
            if let Some(address) = address_of(conn, supporter)? {
                let MailText { subject, body } = cancelled::cancelled_to_supporter(&described.when, reason);
                OutboxMail::queue(conn, MailKind::SupportCancelled, &address, &subject, &body)?;
            }
        }
        let fee_text = fee.and_then(Yen::new).map(|y| y.to_string()).unwrap_or_default();
        if let Canceller::Coordinator(_) = by {
            if let Some(address) = address_of(conn, request.asked.family_id)? {
                let MailText { subject, body } = cancelled::cancelled_to_family(&described.when, reason, &fee_text);
                OutboxMail::queue(conn, MailKind::SupportCancelled, &address, &subject, &body)?;
            }
        }
        let detail = if fee_text.is_empty() {
            format!("取り消し：{reason}")
        } else {
            format!("取り消し：{reason}（キャンセル料 {fee_text}）")
        };
        SupportLog::record(conn, Some(request_id), Some(member), action, &detail)?;
        Ok(Cancelled::Done { fee })
    })
}
