//! `sup-<token>@` and `fam-<token>@`: the matched supporter's 受け渡しコード, the family's 確認 (or
//! 違う with the reason) of an activity report. The token names the request's side; the sender
//! must also be one of that side's confirmed addresses. Every reply is answered (`SupportReply`).

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::request::SupportRequest;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::mail_route::SupportSide;
use crate::domain::support::matched_reply::{read_code, read_report_reply, CodeReply, ReportReply};
use crate::domain::time::day_label;
use crate::mail::inbound::decode::DecodedMail;
use crate::support::handover::{self, activity_label, clock_of, Channel, Outcome};
use crate::support::notify;
use crate::support::report::{self, FamilyAnswer};
use hiroba_views::mail::support::handover::{code_answer, CodeAnswer};
use hiroba_views::mail::support::matched_reply::sender_refused;
use hiroba_views::mail::support::report::{report_answer, ReportAnswer};
use hiroba_views::mail::MailText;

/// Answers to senders that are not the side's address, per address and day: a forged sender must
/// not turn us into a mail cannon.
const REFUSALS_PER_DAY: i64 = 2;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    side: SupportSide,
    token: &str,
) -> Result<(), JobError> {
    let supporter_side = match side {
        SupportSide::Supporter => true,
        SupportSide::Family => false,
        SupportSide::Offer => {
            InboundMail::finish(conn, mail.id, Disposition::Refused, "not a matched side's address")?;
            return Ok(());
        }
    };
    let Some(request) = SupportRequest::by_side_token(conn, token, supporter_side)? else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "support token unknown")?;
        return Ok(());
    };
    let Some(sender) = decoded.from.as_ref().map(|a| a.as_str().to_string()) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no sender address")?;
        return Ok(());
    };
    let member = if supporter_side {
        request.progress.supporter_id
    } else {
        Some(request.asked.family_id)
    };
    let Some(member) = member else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no supporter matched")?;
        return Ok(());
    };
    if !notify::is_address_of(conn, member, &sender)? {
        return refuse_sender(conn, mail, &request, &sender);
    }
    let settings = &ctx.settings;
    let id = request.asked.id;
    let (answer, outcome) = if supporter_side {
        let page = format!("{}/support/h/{token}", settings.base_url);
        let activity = activity_label(&request);
        let answer = match read_code(&decoded.body) {
            CodeReply::Code(code) => match handover::enter(settings, conn, id, &code, Channel::Mail, None)? {
                Outcome::Recorded(at) => CodeAnswer::Recorded { at: clock_of(at) },
                Outcome::AlreadyRecorded(at) => CodeAnswer::AlreadyRecorded { at: clock_of(at) },
                Outcome::Wrong { left } => CodeAnswer::Wrong { left },
                Outcome::Locked => CodeAnswer::Locked,
                Outcome::Closed => CodeAnswer::Closed,
            },
            CodeReply::Unreadable => CodeAnswer::Unreadable,
        };
        let outcome = format!("handover reply: {answer:?}");
        (code_answer(&answer, &activity, &page), outcome)
    } else {
        let page = format!("{}/support/c/{token}", settings.base_url);
        let family_answer = match read_report_reply(&decoded.body) {
            ReportReply::Confirm => Some(FamilyAnswer::Confirm),
            ReportReply::Dispute { reason } => Some(FamilyAnswer::Dispute { reason }),
            ReportReply::Unreadable => None,
        };
        let answer = match family_answer {
            Some(a) => report::answer(settings, conn, id, &a, None)?,
            None => ReportAnswer::Unreadable,
        };
        let outcome = format!("report reply: {answer:?}");
        (report_answer(answer, &day_label(request.asked.day), &page), outcome)
    };
    reply(conn, mail, &sender, &answer, &outcome)
}

/// Queues the answer and finishes the mail together.
fn reply(
    conn: &mut DbConnection,
    mail: &InboundMail,
    sender: &str,
    answer: &MailText,
    outcome: &str,
) -> Result<(), JobError> {
    write_transaction(conn, |conn| {
        OutboxMail::queue(conn, MailKind::SupportReply, sender, &answer.subject, &answer.body)?;
        InboundMail::finish(conn, mail.id, Disposition::Processed, outcome)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// A reply from an address that is not the side's: nothing is done; the sender hears why (at most
/// `REFUSALS_PER_DAY` times a day) and the request's log keeps the attempt.
fn refuse_sender(
    conn: &mut DbConnection,
    mail: &InboundMail,
    request: &SupportRequest,
    sender: &str,
) -> Result<(), JobError> {
    write_transaction(conn, |conn| {
        let since = now() - chrono::Duration::days(1);
        if OutboxMail::count_since(conn, sender, Some(MailKind::SupportReply), since)? < REFUSALS_PER_DAY {
            let text = sender_refused();
            OutboxMail::queue(conn, MailKind::SupportReply, sender, &text.subject, &text.body)?;
        }
        SupportLog::record(
            conn,
            Some(request.asked.id),
            None,
            "reply_refused",
            "登録のないアドレスからの返信",
        )?;
        InboundMail::finish(conn, mail.id, Disposition::Refused, "sender is not the side's address")?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
