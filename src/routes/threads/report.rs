//! `POST …/{thread}/report` (通報する): a member flags a visible thread once for the coordinators,
//! where the place takes reports (the portal).

use super::path::ThreadPath;
use super::show::{render, Done};
use crate::db;
use crate::db::models::thread_report::ThreadReport;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::error::AppError;
use crate::routes::request::{redirect, Posted};
use actix_web::HttpResponse;

/// Records the report (once per member) and says so on the thread's page.
pub async fn create(posted: Posted, at: ThreadPath) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    if !at.place.takes_reports() {
        return Err(AppError::NotFound);
    }
    let reason = match Reason::parse(form.get("reason").unwrap_or_default()) {
        Ok(reason) => reason,
        Err(e) => return render(&visitor, at, Some(e.to_string()), 1).await,
    };
    let recorded = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let (_, found) = super::open(conn, at, me, false)?;
                Ok(ThreadReport::insert(conn, found.id, me, &reason)?)
            })
        })
        .await?;
    let done = if recorded { Done::Reported } else { Done::ReportedBefore };
    Ok(redirect(&visitor, &done.location(at)))
}
