//! Sending a request's next wave of offers, or giving it to the coordinators when every wave
//! went unanswered. Runs inside the caller's write transaction (asking, the wave job, a decline).

use super::candidates::ranking;
use super::describe::describe;
use super::notify::{address_of, coordinators};
use crate::context::Context;
use crate::db::models::job::{Job, JobKind};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::offer::{NewOffer, Offer};
use crate::db::models::support::request::{Progress, SupportRequest};
use crate::db::{now, DbConnection};
use crate::domain::mail_route::{support_address, SupportSide};
use crate::domain::support::ranking::Score;
use crate::domain::support::reason::Reason;
use crate::domain::support::status::RequestStatus;
use diesel::QueryResult;
use hiroba_views::mail::support::{coordinator, offer};
use hiroba_views::mail::MailText;
use std::collections::HashSet;

/// What sending the next wave did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveOutcome {
    /// Wave `wave` went to `offers` supporters.
    Sent { wave: i32, offers: usize },
    /// No wave left or nobody left to ask: the coordinators were told.
    Unfilled { asked: usize },
    /// The request was no longer open: nothing done.
    NotOpen,
}

/// The one line an offer keeps of the ranking: each part with its points.
pub fn reason_line(score: &Score) -> String {
    score
        .parts
        .iter()
        .map(|p| format!("{}（{}点）", p.reason, p.points))
        .collect::<Vec<_>>()
        .join("、")
}

/// Sends the next wave of `request_id` if it is still open. Call inside a write transaction.
pub fn send_next_wave(ctx: &Context, conn: &mut DbConnection, request_id: i64) -> QueryResult<WaveOutcome> {
    let Some(request) = SupportRequest::find(conn, request_id)? else {
        return Ok(WaveOutcome::NotOpen);
    };
    if request.progress.status() != RequestStatus::Open {
        return Ok(WaveOutcome::NotOpen);
    }
    let settings = &ctx.settings.support;
    let offered = Offer::of_request(conn, request_id)?;
    let asked: HashSet<i64> = offered.iter().map(|o| o.supporter_id).collect();
    let wave = request.progress.wave + 1;
    let (_, ranked) = ranking(conn, &request)?;
    let next: Vec<_> = ranked
        .eligible
        .iter()
        .enumerate()
        .filter(|(_, r)| !asked.contains(&r.id.0))
        .take(settings.offers_per_wave as usize)
        .collect();
    if next.is_empty() || wave > settings.max_waves as i32 {
        return unfilled(ctx, conn, &request, asked.len());
    }
    // The progress row first: a concurrent acceptance holds it (PostgreSQL) or the write lock
    // (SQLite), so a wave never goes out for a request that was matched meanwhile.
    let deadline = now() + settings.wave_wait(request.asked.urgent);
    if !Progress::set_wave(conn, request_id, wave, Some(deadline))? {
        return Ok(WaveOutcome::NotOpen);
    }
    let described = describe(conn, &request)?;
    let mut sent = 0;
    for (position, ranked_one) in &next {
        let met = ranked_one
            .score
            .parts
            .iter()
            .any(|p| matches!(p.reason, Reason::PreMeeting { done: true }));
        let reason = reason_line(&ranked_one.score);
        let new = NewOffer {
            request_id,
            supporter_id: ranked_one.id.0,
            wave,
            position: i32::try_from(*position + 1).unwrap_or(i32::MAX),
            score: ranked_one.score.total,
            reason: &reason,
            met_family: met,
        };
        let (_, token) = Offer::insert(conn, &new)?;
        let Some(address) = address_of(conn, ranked_one.id.0)? else {
            // No address that mail reaches: the offer stays for her /support/offers page.
            continue;
        };
        let link = format!("{}/support/o/{token}", ctx.settings.base_url);
        let MailText { subject, body } = offer::offer(&offer::OfferMail {
            kind: &described.kind,
            areas: &described.areas,
            when: &described.when,
            ages: &described.ages,
            urgent: request.asked.urgent,
            first_meeting: !met,
            link: &link,
        });
        let reply_to = support_address(SupportSide::Offer, &token, &ctx.settings.mail.domain);
        OutboxMail::queue_replyable(conn, MailKind::SupportOffer, &address, &subject, &body, Some(&reply_to))?;
        sent += 1;
    }
    Job::enqueue_at(conn, JobKind::SupportWave, Some(request_id), deadline)?;
    SupportLog::record(
        conn,
        Some(request_id),
        None,
        "wave",
        &format!("第{wave}陣：{}人にお知らせ（メール{sent}通）", next.len()),
    )?;
    Ok(WaveOutcome::Sent {
        wave,
        offers: next.len(),
    })
}

/// Nobody accepted in any wave (or nobody is left): unfilled, and the coordinators are told.
fn unfilled(
    ctx: &Context,
    conn: &mut DbConnection,
    request: &SupportRequest,
    asked: usize,
) -> QueryResult<WaveOutcome> {
    let id = request.asked.id;
    if !Progress::transition(conn, id, &[RequestStatus::Open], RequestStatus::Unfilled)? {
        return Ok(WaveOutcome::NotOpen);
    }
    let described = describe(conn, request)?;
    let link = format!("{}/admin/support/requests/{id}", ctx.settings.base_url);
    let MailText { subject, body } = coordinator::unfilled(&described.when, &described.kind, asked, &link);
    coordinators(conn, &MailText { subject, body })?;
    SupportLog::record(
        conn,
        Some(id),
        None,
        "unfilled",
        &format!("引き受け手なし（お知らせ{asked}人）：アドバイザーに連絡"),
    )?;
    Ok(WaveOutcome::Unfilled { asked })
}
