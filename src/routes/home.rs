//! The top page and the notice pages.

use crate::db::models::event::Event;
use crate::db::models::notice::Notice;
use crate::domain::mail_route::entry_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::today;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use chrono::Duration;
use hiroba_views::pages::home::{notice_item, NoticeItem, PhoneOffer};
use hiroba_views::pages::notice::{notice_page, NoticeView};
use hiroba_views::pages::portal::events::{event_block, EventItem};

/// How many of this week's events the top page names (the list is one link away).
const EVENTS_ON_TOP: usize = 3;

/// How many notices the top page lists in all (split into pages by size).
const NOTICES_ON_TOP: i64 = 60;

pub async fn home(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let requested = query
        .0
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let week = (today(), today() + Duration::days(6));
    let (notices, events) = visitor
        .db(move |conn| {
            let mut events = Event::between(conn, week.0, week.1, None)?;
            events.truncate(EVENTS_ON_TOP);
            Ok((Notice::recent(conn, NOTICES_ON_TOP, week.0)?, events))
        })
        .await?;
    let ctx = ctx(&visitor);
    let items: Vec<_> = notices
        .iter()
        .map(|n| {
            notice_item(
                &ctx,
                &NoticeItem {
                    id: n.id,
                    title: n.title.clone(),
                    date: n.published_on.format("%m/%d").to_string(),
                },
            )
        })
        .collect();
    let events: Vec<EventItem> = events.iter().map(EventItem::from).collect();
    let events = event_block(&ctx, "今週のイベント", &events, "/events");
    let entry_address = entry_address(&visitor.settings().mail.domain);
    let offer = match (visitor.device.is_keitai(), visitor.device.cannot_scan_own_screen()) {
        (true, _) => PhoneOffer::Nothing,
        (false, true) => PhoneOffer::Link { entry_address },
        (false, false) => PhoneOffer::Scan { entry_address },
    };
    let page = paged_list(&visitor, &items, requested, |list| {
        hiroba_views::pages::home::home(&ctx, list, &events, &offer)
    });
    Ok(page)
}

pub async fn notice(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let id = id.into_inner();
    let notice = visitor.db(move |conn| Ok(Notice::find(conn, id)?)).await?;
    // One to be published later is there only for the coordinators who wrote it.
    if !notice.is_published(today()) && !visitor.may(Resource::PublicInfo, Action::Update) {
        return Err(AppError::NotFound);
    }
    let view = NoticeView {
        title: notice.title,
        body: notice.body,
        date: notice.published_on.format("%Y年%m月%d日").to_string(),
    };
    Ok(ok(&visitor, &notice_page(&ctx(&visitor), &view)))
}

/// あぃあぃ広場, the portal's menu.
pub async fn portal(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    Ok(ok(
        &visitor,
        &hiroba_views::pages::portal::front::portal(&ctx(&visitor)),
    ))
}
