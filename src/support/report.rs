//! Activity reports: the supporter reports the actual times, transport and a note; the fee is
//! computed from the fee table and the family is mailed the report to confirm (by link or reply).
//! A family that disputes it alerts the coordinators, who settle it as reported or corrected.

use super::handover::activity_label;
use super::notify;
use crate::config::Settings;
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::report::{Report, ReportValues};
use crate::db::models::support::request::{Progress, SupportRequest};
use crate::db::{write_transaction, DbConnection};
use crate::domain::mail_route::{support_address, SupportSide};
use crate::domain::support::fee::FeeBreakdown;
use crate::domain::support::report::{report_activity, times_label, ReportInput};
use crate::domain::support::status::RequestStatus;
use crate::domain::time::{day_label, jst};
use diesel::QueryResult;
use hiroba_views::mail::support::report::{self as mails, ReportAnswer, ReportMail};
use std::num::NonZeroU32;

/// Why a report was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotTaken {
    /// Reported before (the family may have answered already).
    AlreadyReported,
    /// Cancelled, or not matched.
    Closed,
}

/// The fee of `input` for `request` with `children` children.
pub fn fee_of(settings: &Settings, request: &SupportRequest, input: &ReportInput, children: usize) -> FeeBreakdown {
    let fees = &settings.support.fees;
    let children = NonZeroU32::new(u32::try_from(children).unwrap_or(1)).unwrap_or(NonZeroU32::MIN);
    let asked_at = jst(request.asked.created_at).naive_local();
    let activity = report_activity(input, asked_at, request.asked.urgent, fees, children);
    fees.fee(&activity)
}

/// Takes the supporter's report of a matched request: stores it with its fee, moves the request
/// to reported and mails the family the report to confirm, in one transaction.
pub fn submit(
    settings: &Settings,
    conn: &mut DbConnection,
    request_id: i64,
    input: &ReportInput,
    actor: Option<i64>,
) -> QueryResult<Result<FeeBreakdown, NotTaken>> {
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(Err(NotTaken::Closed));
        };
        match request.progress.status() {
            RequestStatus::Matched => {}
            RequestStatus::Reported | RequestStatus::Confirmed | RequestStatus::Disputed => {
                return Ok(Err(NotTaken::AlreadyReported))
            }
            _ => return Ok(Err(NotTaken::Closed)),
        }
        let children = SupportRequest::children(conn, request_id)?.len();
        let fee = fee_of(settings, &request, input, children);
        let detail = fee.to_string();
        let values = values_of(input, &fee, &detail);
        if !Progress::transition(conn, request_id, &[RequestStatus::Matched], RequestStatus::Reported)? {
            return Ok(Err(NotTaken::AlreadyReported));
        }
        Report::insert(conn, request_id, &values, &input.note)?;
        let times = times_label(input.slot.start_minute(), input.slot.end_minute());
        SupportLog::record(
            conn,
            Some(request_id),
            actor,
            "reported",
            &format!("{times} 交通費{} 利用料{}", input.transport, fee.total),
        )?;
        mail_family(settings, conn, &request, input, &detail)?;
        Ok(Ok(fee))
    })
}

pub fn values_of<'a>(input: &ReportInput, fee: &FeeBreakdown, detail: &'a str) -> ReportValues<'a> {
    let int = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
    ReportValues {
        start_minute: int(i64::from(input.slot.start_minute())),
        end_minute: int(i64::from(input.slot.end_minute())),
        transport_yen: int(input.transport.get()),
        fee_yen: int(fee.total.get()),
        fee_detail: detail,
    }
}

fn mail_family(
    settings: &Settings,
    conn: &mut DbConnection,
    request: &SupportRequest,
    input: &ReportInput,
    detail: &str,
) -> QueryResult<()> {
    let Some(to) = notify::address_of(conn, request.asked.family_id)? else {
        return Ok(());
    };
    let supporter = match request.progress.supporter_id {
        Some(id) => Member::find(conn, id)?.nickname,
        None => String::new(),
    };
    let token = &request.progress.family_token;
    let mail = mails::report(&ReportMail {
        day: &day_label(request.asked.day),
        times: &times_label(input.slot.start_minute(), input.slot.end_minute()),
        supporter: &supporter,
        note: &input.note,
        fee_detail: detail,
        confirm_url: &format!("{}/support/c/{token}", settings.base_url),
        reply_address: &support_address(SupportSide::Family, token, &settings.mail.domain),
    });
    OutboxMail::queue(conn, MailKind::SupportReport, &to, &mail.subject, &mail.body).map(drop)
}

/// The family's answer to a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FamilyAnswer {
    Confirm,
    Dispute { reason: String },
}

/// Records the family's answer to the report of `request_id` (reported → confirmed or disputed);
/// a dispute alerts the coordinators. `actor`: the signed-in family, None by link or reply.
pub fn answer(
    settings: &Settings,
    conn: &mut DbConnection,
    request_id: i64,
    answer: &FamilyAnswer,
    actor: Option<i64>,
) -> QueryResult<ReportAnswer> {
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(ReportAnswer::NothingToAnswer);
        };
        match request.progress.status() {
            RequestStatus::Reported => {}
            RequestStatus::Confirmed | RequestStatus::Disputed => return Ok(ReportAnswer::AlreadyAnswered),
            _ => return Ok(ReportAnswer::NothingToAnswer),
        }
        let to = match answer {
            FamilyAnswer::Confirm => RequestStatus::Confirmed,
            FamilyAnswer::Dispute { .. } => RequestStatus::Disputed,
        };
        if !Progress::transition(conn, request_id, &[RequestStatus::Reported], to)? {
            return Ok(ReportAnswer::AlreadyAnswered);
        }
        match answer {
            FamilyAnswer::Confirm => {
                Report::confirm(conn, request_id)?;
                SupportLog::record(conn, Some(request_id), actor, "confirmed", "")?;
                Ok(ReportAnswer::Confirmed)
            }
            FamilyAnswer::Dispute { reason } => {
                Report::dispute(conn, request_id, reason)?;
                SupportLog::record(conn, Some(request_id), actor, "disputed", reason)?;
                let family = Member::find(conn, request.asked.family_id)?.real_name;
                let supporter = match request.progress.supporter_id {
                    Some(id) => Member::find(conn, id)?.real_name,
                    None => String::new(),
                };
                let url = format!("{}/admin/support/disputes/{request_id}", settings.base_url);
                let mail = mails::disputed(&activity_label(&request), &family, &supporter, reason, &url);
                notify::coordinators(conn, &mail)?;
                Ok(ReportAnswer::Disputed)
            }
        }
    })
}

/// A coordinator settles a disputed report: as reported (`corrected` None) or with corrected
/// times and transport, whose fee is computed again. False when it was not disputed (any more).
pub fn resolve(
    settings: &Settings,
    conn: &mut DbConnection,
    request_id: i64,
    by: i64,
    corrected: Option<&ReportInput>,
) -> QueryResult<bool> {
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(false);
        };
        if !Progress::transition(conn, request_id, &[RequestStatus::Disputed], RequestStatus::Confirmed)? {
            return Ok(false);
        }
        let detail = match corrected {
            Some(input) => {
                let children = SupportRequest::children(conn, request_id)?.len();
                let fee = fee_of(settings, &request, input, children);
                let text = fee.to_string();
                Report::resolve(conn, request_id, by, Some(&values_of(input, &fee, &text)))?;
                let times = times_label(input.slot.start_minute(), input.slot.end_minute());
                format!("訂正して確定：{times} 交通費{} 利用料{}", input.transport, fee.total)
            }
            None => {
                Report::resolve(conn, request_id, by, None)?;
                "報告どおり確定".to_string()
            }
        };
        SupportLog::record(conn, Some(request_id), Some(by), "dispute_resolved", &detail)?;
        Ok(true)
    })
}
