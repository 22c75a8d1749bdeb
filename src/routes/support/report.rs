//! `/support/activities/{id}/report` and `/support/h/{token}/report`: the supporter reports the
//! actual times, transport and a note; the family is mailed the report and its fee.

use super::activity::{can_report, render as activity_page};
use super::door::Door;
use crate::db::models::support::request::Asked;
use crate::domain::policy::Action;
use crate::domain::support::report::{times_label, ReportFields};
use crate::domain::time::day_label;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::support::report::{submit, NotTaken};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::support::activity::{report_form, ReportFormView};

pub async fn form(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    show(&visitor, Door::Member(id.into_inner())).await
}

pub async fn form_by_token(mut visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    show(&visitor, Door::Token(token.into_inner())).await
}

pub async fn save(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    take(posted, Door::Member(id.into_inner())).await
}

pub async fn save_by_token(posted: Posted, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    take(posted, Door::Token(token.into_inner())).await
}

async fn show(visitor: &Visitor, door: Door) -> Result<HttpResponse, AppError> {
    let (request, _) = door.open(visitor, Action::Read).await?;
    if !can_report(&request) {
        return activity_page(visitor, &door, None, Some(not_yet())).await;
    }
    let fields = ReportFields::of_slot(request.asked.slot());
    Ok(ok(visitor, &page(visitor, &door, &request.asked, fields, None)))
}

async fn take(posted: Posted, door: Door) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (request, actor) = door.open(&visitor, Action::Create).await?;
    if !can_report(&request) {
        return activity_page(&visitor, &door, None, Some(not_yet())).await;
    }
    let fields = fields_of(&form);
    let input = match fields.parse(request.asked.day) {
        Ok(input) => input,
        Err(e) => {
            let html = page(&visitor, &door, &request.asked, fields, Some(e.to_string()));
            return Ok(ok(&visitor, &html));
        }
    };
    let settings = visitor.settings().clone();
    let id = request.asked.id;
    let taken = visitor
        .db(move |conn| Ok(submit(&settings, conn, id, &input, actor)?))
        .await?;
    let (notice, error) = match taken {
        Ok(fee) => (
            Some(format!(
                "活動報告を送りました（利用料 {}）。ご家族に確認のメールを送りました。",
                fee.total
            )),
            None,
        ),
        Err(NotTaken::AlreadyReported) => (Some("この活動の報告は済んでいます。".to_string()), None),
        Err(NotTaken::Closed) => (None, Some("この依頼は取り消されたため、報告できません。".to_string())),
    };
    activity_page(&visitor, &door, notice, error).await
}

fn not_yet() -> String {
    "活動報告は、受け渡しのあとか活動の開始時刻を過ぎるとできます。".into()
}

fn fields_of(form: &FormData) -> ReportFields {
    let get = |name: &str| form.get(name).unwrap_or_default().to_string();
    ReportFields {
        start_hour: get("start_hour"),
        start_minute: get("start_minute"),
        end_hour: get("end_hour"),
        end_minute: get("end_minute"),
        next_day: form.get("next_day").is_some(),
        transport: get("transport"),
        note: get("note"),
    }
}

fn page(visitor: &Visitor, door: &Door, asked: &Asked, fields: ReportFields, error: Option<String>) -> String {
    let view = ReportFormView {
        base: door.base(),
        day: day_label(asked.day),
        booked: times_label(
            u32::try_from(asked.start_minute).unwrap_or_default(),
            u32::try_from(asked.end_minute).unwrap_or_default(),
        ),
        start_hour: fields.start_hour,
        start_minute: fields.start_minute,
        end_hour: fields.end_hour,
        end_minute: fields.end_minute,
        next_day: fields.next_day,
        transport: fields.transport,
        note: fields.note,
        error,
    };
    report_form(&ctx(visitor), &view)
}
