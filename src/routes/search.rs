//! `/search?q=…&kind=`: クチコミ (members only), events and facilities containing every word of
//! the query, paged to the device. The query arrives in the device's charset (Shift_JIS from keitai).

use crate::domain::policy::{Action, Resource};
use crate::domain::time::{day_label, month_day};
use crate::error::AppError;
use crate::routes::portal::{page_number, query_value};
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::search::{search as find, Hit, Kind, Scope, Terms};
use actix_web::HttpResponse;
use hiroba_views::pages::search::{search_hit, search_page, Outcome, SearchHitView, SearchView};

/// Most characters of the query that are read (and written back into the form).
const MAX_QUERY_CHARS: usize = 60;

pub async fn search(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let member = visitor.may(Resource::MemberContent, Action::Read);
    let text: String = query
        .0
        .get("q")
        .unwrap_or_default()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let kind_key = query.0.get("kind").unwrap_or_default();
    let kind = Kind::parse(kind_key);
    let scope = Scope { member, kind };
    let hits = match Terms::parse(&text) {
        Some(terms) => Some(visitor.db(move |conn| Ok(find(conn, &terms, scope)?)).await?),
        None => None,
    };
    let ctx = ctx(&visitor);
    let items: Vec<_> = hits
        .iter()
        .flatten()
        .map(|hit| search_hit(&ctx, &SearchHitView::from(hit)))
        .collect();
    let kind_value = kind.map(Kind::key).unwrap_or_default();
    let view = SearchView {
        base: format!("/search?q={}&kind={kind_value}", query_value(&visitor, &text)),
        query: text,
        kinds: std::iter::once((String::new(), "すべて".to_string()))
            .chain(
                Kind::ALL
                    .into_iter()
                    .map(|k| (k.key().to_string(), k.label().to_string())),
            )
            .collect(),
        kind: kind_value.to_string(),
        outcome: match &hits {
            Some(hits) => Outcome::Found(hits.len()),
            None => Outcome::NoQuery,
        },
        guest: !member && kind != Some(Kind::Event) && kind != Some(Kind::Facility),
    };
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        search_page(&ctx, &view, list)
    }))
}

impl From<&Hit> for SearchHitView {
    fn from(hit: &Hit) -> Self {
        let (path, meta) = match hit.kind {
            Kind::Post => (
                format!("/posts/{}", hit.id),
                hit.when.map(month_day).unwrap_or_default(),
            ),
            Kind::Event => (
                format!("/events/{}", hit.id),
                hit.day.map(day_label).unwrap_or_default(),
            ),
            Kind::Facility => (format!("/facilities/{}", hit.id), String::new()),
        };
        SearchHitView {
            kind: hit.kind.label().to_string(),
            path,
            title: hit.title.clone(),
            meta,
            snippet: hit.snippet.clone(),
        }
    }
}
