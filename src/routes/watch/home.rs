//! `/watch`: the member's children with today's passes, and the boards of her schools.

use crate::db;
use crate::db::models::watch::pass::Pass;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::domain::time::{day_label, jst, jst_day_start};
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::routes::watch::access::{family_children, own_schools};
use crate::routes::watch::lines::in_time_order;
use actix_web::HttpResponse;
use chrono::Duration;
use hiroba_views::pages::watch::children::{child_today, watch_home, ChildToday, WatchHomeView};

pub async fn show(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::ChildRecord, Action::Read)?;
    let (member_id, reach) = (me.member_id, child_reach(&me.principal()));
    let today = jst(db::now()).date_naive();
    let (from, until) = (jst_day_start(today), jst_day_start(today + Duration::days(1)));
    let (children, schools) = visitor
        .db(move |conn| {
            let mut children = Vec::new();
            if reach.own_family {
                for child in family_children(conn, member_id)? {
                    let passes = Pass::of_child_between(conn, child.id, from, until)?;
                    children.push(ChildToday {
                        id: child.id,
                        grade_class: format!("{}年{}", child.grade, child.class_name),
                        name: child.name,
                        passes: in_time_order(&passes),
                    });
                }
            }
            Ok((children, own_schools(conn, member_id, reach)?))
        })
        .await?;
    let ctx = ctx(&visitor);
    let view = WatchHomeView {
        today: day_label(today),
        boards: schools.into_iter().map(|s| (s.id, s.name)).collect(),
        coordinator: reach.every_school,
        no_children: reach.own_family && children.is_empty(),
    };
    // Keys 1–7 open the histories (8 and 0 are the footer's).
    let items: Vec<_> = children
        .iter()
        .enumerate()
        .map(|(i, c)| child_today(&ctx, c, u8::try_from(i + 1).ok().filter(|k| *k <= 7)))
        .collect();
    let requested = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    Ok(paged_list(&visitor, &items, requested, |list| {
        watch_home(&ctx, &view, list)
    }))
}
