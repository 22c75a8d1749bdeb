//! `offer-<token>@`: a supporter answers an offer by reply. Only the supporter the offer went to,
//! from one of her verified addresses, may answer; her first line says 1/はい/OK (accept) or
//! 2/いいえ (decline), and anything else gets a reply saying how to answer.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::SupportRequest;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::support::answer::{read_offer_answer, OfferAnswer};
use crate::domain::support::describe::slot_label;
use crate::mail::inbound::decode::DecodedMail;
use crate::support::accept::{answer_offer, Answered, Channel};
use crate::support::notify::is_address_of;
use hiroba_views::mail::support::reply;
use hiroba_views::mail::MailText;

/// Answers to one address per day at most, so that a forged sender cannot make us a mail cannon.
const REPLIES_PER_DAY: i64 = 5;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    token: &str,
) -> Result<(), JobError> {
    let Some(offer) = Offer::by_token(conn, token)? else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "unknown offer token")?;
        return Ok(());
    };
    let Some(sender) = decoded.from.as_ref().map(|a| a.as_str().to_string()) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no sender address")?;
        return Ok(());
    };
    if !is_address_of(conn, offer.supporter_id, &sender)? {
        finish_with(
            conn,
            mail,
            &sender,
            reply::not_yours(),
            Disposition::Refused,
            "sender is not the offer's supporter",
        )?;
        return Ok(());
    }
    let when = SupportRequest::find(conn, offer.request_id)?
        .map(|r| slot_label(r.asked.slot()))
        .unwrap_or_default();
    let Some(answer) = read_offer_answer(&decoded.body) else {
        let link = format!("{}/support/o/{token}", ctx.settings.base_url);
        finish_with(
            conn,
            mail,
            &sender,
            reply::how_to_answer(&when, &link),
            Disposition::Refused,
            "answer unreadable",
        )?;
        return Ok(());
    };
    let answered = answer_offer(ctx, conn, offer.id, answer == OfferAnswer::Accept, Channel::Mail)?;
    let (text, outcome) = match answered {
        // The confirmation mail is her answer.
        Answered::Won => (None, "accepted: matched"),
        Answered::Declined => (Some(reply::declined(&when)), "declined"),
        Answered::Lost => (Some(reply::closed(&when, false)), "too late: matched to another"),
        Answered::Cancelled => (Some(reply::closed(&when, true)), "too late: request cancelled"),
        Answered::AlreadyAnswered(_) => (Some(reply::already_answered(&when)), "answered before"),
    };
    match text {
        Some(text) => finish_with(conn, mail, &sender, text, Disposition::Processed, outcome)?,
        None => {
            InboundMail::finish(conn, mail.id, Disposition::Processed, outcome)?;
        }
    }
    Ok(())
}

/// Finishes the mail and answers the sender (within the daily limit), in one transaction.
fn finish_with(
    conn: &mut DbConnection,
    mail: &InboundMail,
    sender: &str,
    text: MailText,
    disposition: Disposition,
    outcome: &str,
) -> Result<(), JobError> {
    write_transaction(conn, |conn| {
        let since = now() - chrono::Duration::days(1);
        if OutboxMail::count_since(conn, sender, Some(MailKind::SupportReply), since)? < REPLIES_PER_DAY {
            OutboxMail::queue(conn, MailKind::SupportReply, sender, &text.subject, &text.body)?;
        }
        InboundMail::finish(conn, mail.id, disposition, outcome)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
