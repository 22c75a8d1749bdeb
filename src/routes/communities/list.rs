//! `/communities`: approved communities, liveliest first, narrowed by area (`area=`), paged.

use super::{area_choices, area_name};
use crate::db::models::area::Area;
use crate::db::models::community::Community;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::month_day;
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::communities::list::{community_line, community_list, CommunityLineView, CommunityListView};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Read)?;
    let query = query.0;
    let area_id = query.get("area").and_then(|a| a.parse::<i64>().ok());
    let (areas, lines) = visitor
        .db(move |conn| Ok((Area::all(conn)?, Community::approved(conn, area_id)?)))
        .await?;
    let ctx = ctx(&visitor);
    let items: Vec<_> = lines
        .into_iter()
        .map(|l| {
            let area = area_name(&areas, l.area_id)
                .map(|a| format!("{a} "))
                .unwrap_or_default();
            let view = CommunityLineView {
                id: l.id,
                meta: format!("{area}{}人 {}", l.members, month_day(l.last_active_at)),
                name: l.name,
            };
            community_line(&ctx, &view)
        })
        .collect();
    let area_key = area_id.map(|a| a.to_string()).unwrap_or_default();
    let view = CommunityListView {
        base: format!("/communities?area={area_key}"),
        areas: area_choices(&areas, "すべて"),
        area: area_key,
    };
    let requested = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    Ok(paged_list(&visitor, &items, requested, |list| {
        community_list(&ctx, &view, list)
    }))
}
