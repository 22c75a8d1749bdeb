//! イベントの管理 for coordinators: add, edit and delete events.

use crate::db::models::area::Area;
use crate::db::models::event::{Event, EventFields};
use crate::domain::clock::TimeOfDay;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::day_label;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::admin::feedback::short_text;
use crate::routes::areas::area_choices;
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use hiroba_views::pages::admin::events::{admin_events, AdminEventRow, AdminEventsView, EventForm};

/// How many events the list shows (newest days first).
const LISTED: i64 = 100;

pub async fn list(mut visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    render(&visitor, None, EventForm::default(), None, None).await
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member = visitor.require_member(Resource::PublicInfo, Action::Create)?.member_id;
    let typed = typed(&form);
    let Some(fields) = parse(&typed) else {
        return render(&visitor, None, typed, None, Some(INVALID)).await;
    };
    visitor
        .db(move |conn| Ok(Event::insert(conn, &fields, Some(member))?))
        .await?;
    render(
        &visitor,
        None,
        EventForm::default(),
        Some("イベントを追加しました。"),
        None,
    )
    .await
}

pub async fn edit(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let e = visitor.db(move |conn| Ok(Event::find(conn, id)?)).await?;
    let form = EventForm {
        title: e.title,
        date: e.held_on.to_string(),
        start: e.start_time.unwrap_or_default(),
        end: e.end_time.unwrap_or_default(),
        place: e.place,
        area: e.area_id.map(|a| a.to_string()).unwrap_or_default(),
        body: e.body,
    };
    render(&visitor, Some(id), form, None, None).await
}

pub async fn update(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let typed = typed(&form);
    let Some(fields) = parse(&typed) else {
        return render(&visitor, Some(id), typed, None, Some(INVALID)).await;
    };
    visitor.db(move |conn| Ok(Event::update(conn, id, &fields)?)).await?;
    Ok(redirect(&visitor, "/admin/events"))
}

pub async fn delete(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    visitor.require(Resource::PublicInfo, Action::Delete)?;
    let id = id.into_inner();
    visitor.db(move |conn| Ok(Event::delete(conn, id)?)).await?;
    Ok(redirect(&visitor, "/admin/events"))
}

const INVALID: &str = "題名・日付（2026-12-03）・場所を入力してください。時刻は 10:00 のように書きます。";

fn typed(form: &FormData) -> EventForm {
    let field = |name: &str| form.get(name).unwrap_or_default().trim().to_string();
    EventForm {
        title: field("title"),
        date: field("date"),
        start: field("start"),
        end: field("end"),
        place: field("place"),
        area: field("area"),
        body: form.get("body").unwrap_or_default().to_string(),
    }
}

/// The typed fields as an event, or None when one is missing or malformed.
fn parse(f: &EventForm) -> Option<EventFields> {
    let time = |text: &str| -> Option<Option<String>> {
        if text.is_empty() {
            Some(None)
        } else {
            TimeOfDay::parse(text).map(|t| Some(t.to_string()))
        }
    };
    Some(EventFields {
        title: short_text(Some(&f.title), 60)?,
        body: f.body.trim().to_string(),
        held_on: NaiveDate::parse_from_str(&f.date, "%Y-%m-%d").ok()?,
        start_time: time(&f.start)?,
        end_time: time(&f.end)?,
        place: short_text(Some(&f.place), 60)?,
        area_id: if f.area.is_empty() {
            None
        } else {
            Some(f.area.parse().ok()?)
        },
    })
}

async fn render(
    visitor: &Visitor,
    editing: Option<i64>,
    form: EventForm,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let (events, areas) = visitor
        .db(|conn| Ok((Event::latest(conn, LISTED)?, Area::all(conn)?)))
        .await?;
    let view = AdminEventsView {
        rows: events
            .iter()
            .map(|e| AdminEventRow {
                id: e.id,
                day: day_label(e.held_on),
                title: e.title.clone(),
            })
            .collect(),
        areas: area_choices(&areas, "指定しない"),
        form,
        action: editing.map_or("/admin/events".to_string(), |id| format!("/admin/events/{id}")),
        notice: notice.map(str::to_string),
        error: error.map(str::to_string),
    };
    Ok(ok(visitor, &admin_events(&ctx(visitor), &view, editing)))
}
