//! お知らせの管理 for coordinators: write, correct and delete the city's notices. A notice dated
//! later appears on the top page from that day on.

use crate::db::models::notice::{NewNotice, Notice};
use crate::domain::policy::{Action, Resource};
use crate::domain::time::today;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::admin::feedback::short_text;
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use hiroba_views::pages::admin::notices::{admin_notices, AdminNoticeRow, AdminNoticesView, NoticeForm};

/// How many notices the list shows.
const LISTED: i64 = 100;
const TITLE_MAX: usize = 60;
const BODY_MAX: usize = 4_000;
const INVALID: &str = "題名（60文字まで）・公開日（2026-12-03）・本文（4,000文字まで）を入力してください。";

pub async fn list(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    let form = NoticeForm {
        date: today().to_string(),
        ..NoticeForm::default()
    };
    let done = match query.0.get("done") {
        Some("added") => Some("お知らせを追加しました。"),
        Some("saved") => Some("お知らせを直しました。"),
        Some("deleted") => Some("お知らせを削除しました。"),
        _ => None,
    };
    render(&visitor, None, form, done, None).await
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    let typed = typed(&form);
    let Some((title, body, published_on)) = parse(&typed) else {
        return render(&visitor, None, typed, None, Some(INVALID)).await;
    };
    visitor
        .db(move |conn| {
            let new = NewNotice {
                title: &title,
                body: &body,
                published_on,
            };
            Ok(Notice::insert(conn, &new)?)
        })
        .await?;
    Ok(redirect(&visitor, "/admin/notices?done=added"))
}

pub async fn edit(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let notice = visitor.db(move |conn| Ok(Notice::find(conn, id)?)).await?;
    let form = NoticeForm {
        title: notice.title,
        date: notice.published_on.to_string(),
        body: notice.body,
    };
    render(&visitor, Some(id), form, None, None).await
}

pub async fn update(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let typed = typed(&form);
    let Some((title, body, published_on)) = parse(&typed) else {
        return render(&visitor, Some(id), typed, None, Some(INVALID)).await;
    };
    visitor
        .db(move |conn| {
            let fields = NewNotice {
                title: &title,
                body: &body,
                published_on,
            };
            match Notice::update(conn, id, &fields)? {
                0 => Err(AppError::NotFound),
                _ => Ok(()),
            }
        })
        .await?;
    Ok(redirect(&visitor, "/admin/notices?done=saved"))
}

pub async fn delete(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    visitor.require(Resource::PublicInfo, Action::Delete)?;
    let id = id.into_inner();
    visitor.db(move |conn| Ok(Notice::delete(conn, id)?)).await?;
    Ok(redirect(&visitor, "/admin/notices?done=deleted"))
}

fn typed(form: &FormData) -> NoticeForm {
    let field = |name: &str| form.get(name).unwrap_or_default().trim().to_string();
    NoticeForm {
        title: field("title"),
        date: field("date"),
        body: form.get("body").unwrap_or_default().trim_end().to_string(),
    }
}

/// Title, body and publication day, or None when one is missing or malformed.
fn parse(f: &NoticeForm) -> Option<(String, String, NaiveDate)> {
    let title = short_text(Some(&f.title), TITLE_MAX)?;
    let body = short_text(Some(&f.body), BODY_MAX)?;
    let day = NaiveDate::parse_from_str(&f.date, "%Y-%m-%d").ok()?;
    Some((title, body, day))
}

async fn render(
    visitor: &Visitor,
    editing: Option<i64>,
    form: NoticeForm,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let notices = visitor.db(|conn| Ok(Notice::latest(conn, LISTED)?)).await?;
    let today = today();
    let view = AdminNoticesView {
        rows: notices
            .iter()
            .map(|n| AdminNoticeRow {
                id: n.id,
                date: n.published_on.format("%Y/%m/%d").to_string(),
                title: n.title.clone(),
                scheduled: !n.is_published(today),
            })
            .collect(),
        form,
        action: editing.map_or("/admin/notices".to_string(), |id| format!("/admin/notices/{id}")),
        notice: notice.map(str::to_string),
        error: error.map(str::to_string),
    };
    Ok(ok(visitor, &admin_notices(&ctx(visitor), &view, editing)))
}
