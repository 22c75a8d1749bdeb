//! `/events` (this week, `?day=2026-12-03` one day — 今日 —, or `?month=2026-12`, optionally
//! `&area=3`) and `/events/{id}`.

use crate::db::models::area::Area;
use crate::db::models::event::Event;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::{date_label, day_label, month_key, month_label, parse_month, today};
use crate::error::AppError;
use crate::routes::areas::{area_choices, area_name};
use crate::routes::portal::{area_filter, page_number};
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use chrono::{Datelike as _, Duration, Months, NaiveDate};
use hiroba_views::pages::portal::events::{event_item, event_page, events_page, EventItem, EventView, EventsView};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let today = today();
    let day = query
        .0
        .get("day")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let month = query.0.get("month").and_then(parse_month).filter(|_| day.is_none());
    let (from, to) = match (day, month) {
        (Some(day), _) => (day, day),
        (None, Some(month)) => month,
        (None, None) => (today, today + Duration::days(6)),
    };
    // One trip to the database: the list is a hot page, and each trip is a thread hand-off.
    let asked = query.0.get("area").map(str::to_string);
    let (areas, area, events) = visitor
        .db(move |conn| {
            let areas = Area::all(conn)?;
            let area = area_filter(asked.as_deref(), &areas);
            let events = Event::between(conn, from, to, area)?;
            Ok((areas, area, events))
        })
        .await?;
    let ctx = ctx(&visitor);
    let items: Vec<_> = events.iter().map(|e| event_item(&ctx, &EventItem::from(e))).collect();
    let key = month.map(|(first, _)| month_key(first)).unwrap_or_default();
    let day_key = day.map(|d| d.to_string()).unwrap_or_default();
    let area_text = area.map(|a| a.to_string()).unwrap_or_default();
    let mut base = "/events".to_string();
    let mut params = Vec::new();
    if !key.is_empty() {
        params.push(format!("month={key}"));
    }
    if !day_key.is_empty() {
        params.push(format!("day={day_key}"));
    }
    if !area_text.is_empty() {
        params.push(format!("area={area_text}"));
    }
    if !params.is_empty() {
        base = format!("{base}?{}", params.join("&"));
    }
    let month_link = |first: Option<NaiveDate>| {
        let first = first.unwrap_or(today);
        let area = match area {
            Some(a) => format!("&area={a}"),
            None => String::new(),
        };
        (format!("/events?month={}{area}", month_key(first)), month_label(first))
    };
    // From a month: the months before and after. From this week: this month and the next.
    let anchor = month
        .map(|(first, _)| first)
        .unwrap_or(today)
        .with_day(1)
        .unwrap_or(today);
    let (previous, next) = match month {
        Some(_) => (
            anchor.checked_sub_months(Months::new(1)),
            anchor.checked_add_months(Months::new(1)),
        ),
        None => (Some(anchor), anchor.checked_add_months(Months::new(1))),
    };
    let view = EventsView {
        title: match (day, month) {
            (Some(day), _) if day == today => format!("今日（{}）のイベント", day_label(day)),
            (Some(day), _) => format!("{}のイベント", day_label(day)),
            (None, Some((first, _))) => format!("{}のイベント", month_label(first)),
            (None, None) => "今週のイベント".to_string(),
        },
        today: format!("/events?day={today}"),
        day: day_key,
        base,
        previous: month_link(previous),
        next: month_link(next),
        month: key,
        areas: area_choices(&areas, "すべての地域"),
        area: area_text,
    };
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        events_page(&ctx, &view, list)
    }))
}

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let id = id.into_inner();
    let (event, areas) = visitor
        .db(move |conn| Ok((Event::find(conn, id)?, Area::all(conn)?)))
        .await?;
    let mut when = date_label(event.held_on);
    if let Some(start) = &event.start_time {
        when.push_str(&format!(" {start}〜{}", event.end_time.clone().unwrap_or_default()));
    }
    let view = EventView {
        title: event.title,
        when,
        place: event.place,
        area: area_name(&areas, event.area_id).unwrap_or_default(),
        body: event.body,
    };
    Ok(ok(&visitor, &event_page(&ctx(&visitor), &view)))
}
