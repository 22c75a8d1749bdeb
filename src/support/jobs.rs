//! The jobs of the flow: a wave's deadline and the reminder before an activity. Both are
//! idempotent: a job that finds its request moved on does nothing.

use super::describe::describe;
use super::notify::address_of;
use super::wave::send_next_wave;
use crate::context::Context;
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::request::SupportRequest;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::support::status::RequestStatus;
use diesel::QueryResult;
use hiroba_views::mail::support::reminder;
use hiroba_views::mail::MailText;

/// A wave's deadline came: the next wave, if the request is still open and this deadline is
/// still the current one (a later wave, or a match, makes an old job a no-op).
pub fn wave_due(ctx: &Context, conn: &mut DbConnection, request_id: i64) -> QueryResult<()> {
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(());
        };
        let due = request.progress.wave_deadline.is_some_and(|at| at <= now());
        if request.progress.status() == RequestStatus::Open && due {
            send_next_wave(ctx, conn, request_id)?;
        }
        Ok(())
    })
}

/// The reminder to both sides, if the request is still matched.
pub fn reminder_due(ctx: &Context, conn: &mut DbConnection, request_id: i64) -> QueryResult<()> {
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(());
        };
        let (RequestStatus::Matched, Some(supporter_id)) = (request.progress.status(), request.progress.supporter_id)
        else {
            return Ok(());
        };
        let family_id = request.asked.family_id;
        let described = describe(conn, &request)?;
        let base = &ctx.settings.base_url;
        let who = |conn: &mut DbConnection, id: i64| -> QueryResult<String> {
            let nickname = Member::find(conn, id)?.nickname;
            let phone = SupportMember::find(conn, id)?.map(|m| m.phone).unwrap_or_default();
            Ok(format!("{} {phone}", hiroba_views::text::san(&nickname)))
        };
        if let Some(address) = address_of(conn, family_id)? {
            let code = request.progress.handover_code.clone().unwrap_or_default();
            let MailText { subject, body } = reminder::reminder(
                &described.when,
                &described.kind,
                &who(conn, supporter_id)?,
                &format!("受け渡しコード：{code}"),
                &format!("{base}/support/requests/{request_id}"),
            );
            OutboxMail::queue(conn, MailKind::SupportReminder, &address, &subject, &body)?;
        }
        if let Some(address) = address_of(conn, supporter_id)? {
            let MailText { subject, body } = reminder::reminder(
                &described.when,
                &described.kind,
                &who(conn, family_id)?,
                &format!("お子さん：{}", described.children),
                &format!("{base}/support/activities/{request_id}"),
            );
            OutboxMail::queue(conn, MailKind::SupportReminder, &address, &subject, &body)?;
        }
        Ok(())
    })
}
