//! After a match: the confirmations to both sides (each from its own reply address) and the
//! reminder job; the offers still out are closed with a mail each.

use super::describe::describe;
use super::notify::address_of;
use crate::context::Context;
use crate::db::models::job::{Job, JobKind};
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::offer::Offer;
use crate::db::models::support::pre_meeting::PreMeeting;
use crate::db::models::support::request::SupportRequest;
use crate::db::{now, DbConnection};
use crate::domain::mail_route::{support_address, SupportSide};
use crate::domain::support::request::Kind;
use crate::domain::support::status::OfferStatus;
use crate::domain::time::JST;
use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone};
use diesel::QueryResult;
use hiroba_views::mail::support::{matched, offer};
use hiroba_views::mail::MailText;

/// Closes the request's unanswered offers with `status` (Lost after an acceptance, Withdrawn
/// after an assignment by hand or a cancellation) and tells each supporter, except `except`.
pub fn close_offers(
    conn: &mut DbConnection,
    request: &SupportRequest,
    when: &str,
    status: OfferStatus,
    cancelled: bool,
    except: Option<i64>,
) -> QueryResult<usize> {
    let closed = Offer::close_unanswered(conn, request.asked.id, status)?;
    let MailText { subject, body } = offer::offer_closed(when, cancelled);
    for one in closed.iter().filter(|o| Some(o.supporter_id) != except) {
        if let Some(address) = address_of(conn, one.supporter_id)? {
            OutboxMail::queue(conn, MailKind::SupportOfferClosed, &address, &subject, &body)?;
        }
    }
    Ok(closed.len())
}

/// Queues both confirmations and the reminder for a request just matched (re-read after the win).
pub fn confirm(ctx: &Context, conn: &mut DbConnection, request_id: i64) -> QueryResult<()> {
    let Some(request) = SupportRequest::find(conn, request_id)? else {
        return Ok(());
    };
    let Some(supporter_id) = request.progress.supporter_id else {
        return Ok(());
    };
    let family_id = request.asked.family_id;
    let described = describe(conn, &request)?;
    let supporter = Member::find(conn, supporter_id)?;
    let supporter_contact = SupportMember::find(conn, supporter_id)?;
    let family = Member::find(conn, family_id)?;
    let family_contact = SupportMember::find(conn, family_id)?;
    let first_meeting = !PreMeeting::met(conn, family_id, supporter_id)?;
    let base = &ctx.settings.base_url;
    let domain = &ctx.settings.mail.domain;
    let code = request.progress.handover_code.clone().unwrap_or_default();

    if let Some(address) = address_of(conn, family_id)? {
        let link = format!("{base}/support/requests/{request_id}");
        let MailText { subject, body } = matched::family_confirmation(&matched::FamilyConfirmation {
            when: &described.when,
            kind: &described.kind,
            supporter_nickname: &supporter.nickname,
            supporter_phone: supporter_contact.as_ref().map_or("", |c| c.phone.as_str()),
            handover_code: &code,
            first_meeting,
            link: &link,
        });
        let reply_to = support_address(SupportSide::Family, &request.progress.family_token, domain);
        OutboxMail::queue_replyable(
            conn,
            MailKind::SupportMatched,
            &address,
            &subject,
            &body,
            Some(&reply_to),
        )?;
    }
    if let Some(address) = address_of(conn, supporter_id)? {
        let token = &request.progress.supporter_token;
        let places = match request.asked.kind() {
            Kind::Pickup { .. } => format!("{} → {}", request.asked.from_place, request.asked.to_place),
            Kind::Care { .. } => String::new(),
        };
        let handover_link = format!("{base}/support/h/{token}");
        let reply_to = support_address(SupportSide::Supporter, token, domain);
        let MailText { subject, body } = matched::supporter_confirmation(&matched::SupporterConfirmation {
            when: &described.when,
            kind: &described.kind,
            children: &described.children,
            family_nickname: &family.nickname,
            family_phone: family_contact.as_ref().map_or("", |c| c.phone.as_str()),
            address: family_contact.as_ref().map_or("", |c| c.address.as_str()),
            places: &places,
            note: &request.asked.note,
            first_meeting,
            handover_link: &handover_link,
            reply_address: &reply_to,
        });
        OutboxMail::queue_replyable(
            conn,
            MailKind::SupportMatched,
            &address,
            &subject,
            &body,
            Some(&reply_to),
        )?;
    }
    let at = reminder_at(ctx, &request, now());
    Job::enqueue_at(conn, JobKind::SupportReminder, Some(request_id), at)?;
    Ok(())
}

/// When the reminder goes (UTC): `reminder_hour` the evening before, or for 急ぎ
/// `urgent_reminder_minutes` before the start; at once when that time has passed.
pub fn reminder_at(ctx: &Context, request: &SupportRequest, now_utc: NaiveDateTime) -> NaiveDateTime {
    let settings = &ctx.settings.support;
    let start = request.asked.slot().start();
    let local = if request.asked.urgent {
        start - Duration::minutes(i64::from(settings.urgent_reminder_minutes))
    } else {
        let evening = NaiveTime::from_hms_opt(settings.reminder_hour, 0, 0).unwrap_or(NaiveTime::MIN);
        (start.date() - Duration::days(1)).and_time(evening)
    };
    let utc = JST
        .from_local_datetime(&local)
        .single()
        .map_or(local - Duration::hours(9), |t| t.naive_utc());
    utc.max(now_utc)
}
