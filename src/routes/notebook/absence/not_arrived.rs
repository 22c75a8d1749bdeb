//! `/notebook/schools/{school}/not-arrived`: after the school's late time, the children with no
//! arrival through a gate today and no 欠席/遅刻 notice, per class, with 保護者に連絡済み.

use super::staff::Staff;
use crate::db::models::notebook::teacher::{classes_of, Class};
use crate::domain::clock::clock;
use crate::domain::notebook::not_arrived::list_started;
use crate::domain::policy::Action;
use crate::domain::time::{day_label, jst, minute_of_day};
use crate::error::AppError;
use crate::notebook::not_arrived::list;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::absence::not_arrived::{
    not_arrived, not_arrived_item, NotArrivedItem, NotArrivedView,
};

pub async fn show(visitor: Visitor, school: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let staff = Staff::of(&visitor, Action::Read)?;
    let page: usize = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    render(&visitor, staff, school.into_inner(), page, None).await
}

/// Today's list as of now, with a line on what was just done.
pub async fn render(
    visitor: &Visitor,
    staff: Staff,
    school_id: i64,
    page: usize,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let now = crate::db::now();
    let today = jst(now).date_naive();
    let (school, started, items) = visitor
        .db(move |conn| {
            let school = staff.school(conn, school_id)?;
            if !list_started(minute_of_day(now), school.late_after) {
                return Ok((school, false, Vec::new()));
            }
            let mine = classes_of(conn, school_id, staff.member_id)?;
            let mut items: Vec<(bool, NotArrivedItem)> = list(conn, &school, today)?
                .into_iter()
                .map(|n| {
                    let class = Class {
                        grade: n.child.grade,
                        class_name: n.child.class_name.clone(),
                    };
                    let item = NotArrivedItem {
                        child_id: n.child.id,
                        class: class.label(),
                        child: format!("{}（{}）", n.child.short_name, n.child.name),
                        contacted: n.contacted_at.map(|at| jst(at).format("%H:%M").to_string()),
                    };
                    (!mine.contains(&class), item)
                })
                .collect();
            // Her own classes first, then the rest in roster order.
            items.sort_by_key(|(others, _)| *others);
            Ok((school, true, items.into_iter().map(|(_, i)| i).collect::<Vec<_>>()))
        })
        .await?;
    let c = ctx(visitor);
    let markup: Vec<_> = items.iter().map(|i| not_arrived_item(&c, school_id, i)).collect();
    let view = NotArrivedView {
        school_id,
        school: school.name,
        as_of: format!("{} {} 現在", day_label(today), jst(now).format("%H:%M")),
        late_after: clock(school.late_after),
        started,
        notice,
    };
    Ok(paged_list(visitor, &markup, page, |list| {
        not_arrived(&c, &view, list, items.len())
    }))
}
