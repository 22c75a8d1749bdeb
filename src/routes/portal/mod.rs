//! あぃあぃ広場の公開情報: events, facilities and their 一時預かり空き状況, readable by anyone.

pub mod event_list;
pub mod facilities;
pub mod slots;

use crate::db::models::area::Area;
use crate::db::models::event::Event;
use crate::domain::time::day_label;
use crate::routes::request::{KeitaiQuery, Visitor};
use hiroba_views::pages::portal::events::EventItem;

/// The requested page of a paged list (1 when absent or wrong).
pub fn page_number(query: &KeitaiQuery) -> usize {
    query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1)
}

/// A text for a query string in the visitor's charset (the query is decoded in it: a kind written
/// as UTF-8 into a keitai's pager link would come back as mojibake).
pub fn query_value(visitor: &Visitor, text: &str) -> String {
    visitor
        .codec()
        .encode(text, visitor.device.target())
        .iter()
        .map(|b| match b {
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'-' | b'.' | b'_' | b'~' => char::from(*b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `area` a query asked for, if it names an existing area.
pub fn area_filter(asked: Option<&str>, areas: &[Area]) -> Option<i64> {
    let id = asked?.parse::<i64>().ok()?;
    areas.iter().any(|a| a.id == id).then_some(id)
}

impl From<&Event> for EventItem {
    fn from(e: &Event) -> Self {
        EventItem {
            id: e.id,
            day: day_label(e.held_on),
            time: e.start_time.clone().unwrap_or_default(),
            title: e.title.clone(),
        }
    }
}

use actix_web::web;

/// Registers the portal's events and facilities.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/events", web::get().to(event_list::list))
        .route("/events/{id}", web::get().to(event_list::show))
        .route("/facilities", web::get().to(facilities::list))
        .route("/facilities/{id}", web::get().to(facilities::show))
        .route("/facilities/{id}/slots", web::get().to(slots::form))
        .route("/facilities/{id}/slots", web::post().to(slots::save));
}
