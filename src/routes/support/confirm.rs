//! `/support/c/{token}`: the family's link in the report mail. She reads the report and its fee
//! and answers 確認する or 内容が違う (with the reason); the token is the secret, no password.

use super::door::is_side_token;
use crate::db::models::member::Member;
use crate::db::models::support::report::Report;
use crate::db::models::support::request::SupportRequest;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::report::{times_label, NOTE_MAX};
use crate::domain::support::status::RequestStatus;
use crate::domain::time::day_label;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::support::report::{answer, FamilyAnswer};
use actix_web::{web, HttpResponse};
use hiroba_views::mail::support::report::ReportAnswer;
use hiroba_views::pages::support::confirm::{confirm, ConfirmState, ConfirmView};

pub async fn show(mut visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    visitor.ensure_session().await?;
    render(&visitor, &token.into_inner(), None, None, String::new()).await
}

pub async fn save(posted: Posted, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let token = token.into_inner();
    let request = find(&visitor, &token).await?;
    let reason = form.get("reason").unwrap_or_default().trim().to_string();
    let family_answer = match form.get("answer") {
        Some("confirm") => FamilyAnswer::Confirm,
        Some("dispute") if reason.is_empty() => {
            let error = "どこが違うかを書いてから「内容が違う」を押してください。";
            return render(&visitor, &token, None, Some(error.into()), reason).await;
        }
        Some("dispute") if reason.chars().count() > NOTE_MAX => {
            let error = "500文字までで書いてください。";
            return render(&visitor, &token, None, Some(error.into()), reason).await;
        }
        Some("dispute") => FamilyAnswer::Dispute { reason: reason.clone() },
        _ => return Err(AppError::BadInput("no answer".into())),
    };
    let settings = visitor.settings().clone();
    let id = request.asked.id;
    let done = visitor
        .db(move |conn| Ok(answer(&settings, conn, id, &family_answer, None)?))
        .await?;
    let notice = match done {
        ReportAnswer::Confirmed => "確認しました。ご利用ありがとうございました。",
        ReportAnswer::Disputed => "お知らせを受け付けました。アドバイザーが確認して、ご連絡します。",
        ReportAnswer::AlreadyAnswered => "この活動報告には、すでにお返事をいただいています。",
        ReportAnswer::NothingToAnswer | ReportAnswer::Unreadable => "この活動の報告はまだありません。",
    };
    render(&visitor, &token, Some(notice.into()), None, String::new()).await
}

async fn find(visitor: &Visitor, token: &str) -> Result<SupportRequest, AppError> {
    if !is_side_token(token) {
        return Err(AppError::NotFound);
    }
    let token = token.to_string();
    visitor
        .db(move |conn| Ok(SupportRequest::by_side_token(conn, &token, false)?))
        .await?
        .ok_or(AppError::NotFound)
}

async fn render(
    visitor: &Visitor,
    token: &str,
    notice: Option<String>,
    error: Option<String>,
    reason: String,
) -> Result<HttpResponse, AppError> {
    let request = find(visitor, token).await?;
    let id = request.asked.id;
    let supporter_id = request.progress.supporter_id;
    let (report, supporter) = visitor
        .db(move |conn| {
            let supporter = match supporter_id {
                Some(s) => Member::find(conn, s)?.nickname,
                None => String::new(),
            };
            Ok((Report::find(conn, id)?, supporter))
        })
        .await?;
    // A link whose request has no report (not yet, or cancelled) says so instead of a form.
    let Some(report) = report else {
        return Err(AppError::NotFound);
    };
    let state = match request.progress.status() {
        RequestStatus::Reported => ConfirmState::Open,
        RequestStatus::Disputed => ConfirmState::Disputed {
            reason: report.dispute_note.clone(),
        },
        _ => ConfirmState::Confirmed,
    };
    let view = ConfirmView {
        base: format!("/support/c/{token}"),
        day: day_label(request.asked.day),
        times: times_label(
            u32::try_from(report.start_minute).unwrap_or_default(),
            u32::try_from(report.end_minute).unwrap_or_default(),
        ),
        supporter,
        note: report.note.clone(),
        fee_lines: report.fee_detail.lines().map(str::to_string).collect(),
        state,
        reason,
        notice,
        error,
    };
    Ok(ok(visitor, &confirm(&ctx(visitor), &view)))
}
