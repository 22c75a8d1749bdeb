//! `/admin/support/disputes`: reports a family disputed; a coordinator settles each as reported or
//! with corrected times and transport (the fee is computed again). Written to the support log.

use crate::db::models::member::Member;
use crate::db::models::support::report::Report;
use crate::db::models::support::request::SupportRequest;
use crate::db::DbConnection;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::report::{times_label, ReportFields};
use crate::domain::support::slot::Slot;
use crate::domain::support::status::RequestStatus;
use crate::domain::time::day_label;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, paged_list, redirect, KeitaiQuery, Posted, Visitor};
use crate::support::report::resolve;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::admin::support::disputes::{dispute, dispute_item, disputes, DisputeRow, DisputeView};

/// Disputes listed at most (they are settled within days).
const LISTED: i64 = 200;

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    let rows = visitor
        .db(|conn| {
            let requests = SupportRequest::in_states(conn, &[RequestStatus::Disputed], LISTED)?;
            let mut rows = Vec::new();
            for request in requests {
                if let Some((row, _)) = row_of(conn, &request)? {
                    rows.push(row);
                }
            }
            Ok(rows)
        })
        .await?;
    let page: usize = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let notice = query.0.get("done").map(|_| "異議を確定しました。");
    let c = ctx(&visitor);
    let items: Vec<_> = rows.iter().map(|r| dispute_item(&c, r)).collect();
    Ok(paged_list(&visitor, &items, page, |list| disputes(&c, list, notice)))
}

pub async fn show(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::SupportCentre, Action::Read)?;
    render(&visitor, id.into_inner(), None, None).await
}

pub async fn settle(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Moderate)?
        .member_id;
    let id = id.into_inner();
    let request = visitor
        .db(move |conn| Ok(SupportRequest::find(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let get = |name: &str| form.get(name).unwrap_or_default().to_string();
    let corrected = match form.get("how") {
        Some("as_reported") => None,
        Some("corrected") => {
            let fields = ReportFields {
                start_hour: get("start_hour"),
                start_minute: get("start_minute"),
                end_hour: get("end_hour"),
                end_minute: get("end_minute"),
                next_day: form.get("next_day").is_some(),
                transport: get("transport"),
                note: String::new(),
            };
            match fields.parse(request.asked.day) {
                Ok(input) => Some(input),
                Err(e) => return render(&visitor, id, Some(fields), Some(e.to_string())).await,
            }
        }
        _ => return Err(AppError::BadInput("no settlement".into())),
    };
    let settings = visitor.settings().clone();
    let settled = visitor
        .db(move |conn| Ok(resolve(&settings, conn, id, by, corrected.as_ref())?))
        .await?;
    if !settled {
        let error = "この異議はすでに確定されています。";
        return render(&visitor, id, None, Some(error.into())).await;
    }
    Ok(redirect(&visitor, "/admin/support/disputes?done=1"))
}

/// A disputed request as a list row, with its report.
fn row_of(conn: &mut DbConnection, request: &SupportRequest) -> diesel::QueryResult<Option<(DisputeRow, Report)>> {
    let Some(report) = Report::find(conn, request.asked.id)? else {
        return Ok(None);
    };
    let family = Member::find(conn, request.asked.family_id)?.real_name;
    let supporter = match request.progress.supporter_id {
        Some(id) => Member::find(conn, id)?.real_name,
        None => String::new(),
    };
    let row = DisputeRow {
        request_id: request.asked.id,
        day: day_label(request.asked.day),
        family,
        supporter,
        times: minutes_label(report.start_minute, report.end_minute),
        fee: format!("{}円", report.fee_yen),
        note: report.note.clone(),
        reason: if report.dispute_note.is_empty() {
            "（理由の記入なし）".into()
        } else {
            report.dispute_note.clone()
        },
    };
    Ok(Some((row, report)))
}

fn minutes_label(start: i32, end: i32) -> String {
    times_label(
        u32::try_from(start).unwrap_or_default(),
        u32::try_from(end).unwrap_or_default(),
    )
}

async fn render(
    visitor: &Visitor,
    id: i64,
    typed: Option<ReportFields>,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (request, found) = visitor
        .db(move |conn| {
            let request = SupportRequest::find(conn, id)?.ok_or(AppError::NotFound)?;
            let found = row_of(conn, &request)?;
            Ok((request, found))
        })
        .await?;
    let (row, report) = found.ok_or(AppError::NotFound)?;
    let fields = typed.unwrap_or_else(|| {
        let reported = Slot::from_minutes(
            request.asked.day,
            u32::try_from(report.start_minute).unwrap_or_default(),
            u32::try_from(report.end_minute).unwrap_or_default(),
        )
        .unwrap_or_else(|_| request.asked.slot());
        ReportFields {
            transport: report.transport_yen.to_string(),
            ..ReportFields::of_slot(reported)
        }
    });
    let view = DisputeView {
        booked: minutes_label(request.asked.start_minute, request.asked.end_minute),
        fee_lines: report.fee_detail.lines().map(str::to_string).collect(),
        transport: fields.transport,
        start_hour: fields.start_hour,
        start_minute: fields.start_minute,
        end_hour: fields.end_hour,
        end_minute: fields.end_minute,
        next_day: fields.next_day,
        error,
        settled: request.progress.status() != RequestStatus::Disputed,
        row,
    };
    Ok(ok(visitor, &dispute(&ctx(visitor), &view)))
}
