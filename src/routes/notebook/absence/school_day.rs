//! `/notebook/schools/{school}/absences?day=YYYY-MM-DD` (default today): the day's notices per
//! class, the teacher's own classes first, each with 確認しました.

use super::staff::Staff;
use crate::db::models::member::Member;
use crate::db::models::notebook::absence::Absence;
use crate::db::models::notebook::teacher::{classes_of, Class};
use crate::db::models::watch::child::Child;
use crate::domain::policy::Action;
use crate::domain::time::{day_label, jst};
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use chrono::{Duration, NaiveDate};
use diesel::OptionalExtension;
use hiroba_views::pages::notebook::absence::school_day::{school_absence, school_day, SchoolAbsence, SchoolDayView};

pub async fn show(visitor: Visitor, school: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let staff = Staff::of(&visitor, Action::Read)?;
    let day = query
        .0
        .get("day")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| jst(crate::db::now()).date_naive());
    let page: usize = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    render(&visitor, staff, school.into_inner(), day, page, None).await
}

/// The page for `day`, with a line on what was just done.
pub async fn render(
    visitor: &Visitor,
    staff: Staff,
    school_id: i64,
    day: NaiveDate,
    page: usize,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (school, items) = visitor
        .db(move |conn| {
            let school = staff.school(conn, school_id)?;
            let mine = classes_of(conn, school_id, staff.member_id)?;
            let children = Child::of_school(conn, school_id)?;
            let absences = Absence::of_school_day(conn, school_id, day)?;
            let mut items = Vec::with_capacity(absences.len());
            for a in absences {
                let Some(child) = children.iter().find(|c| c.id == a.child_id) else {
                    continue;
                };
                let class = Class {
                    grade: child.grade,
                    class_name: child.class_name.clone(),
                };
                let confirmed = match (a.confirmed_at, a.confirmed_by) {
                    (Some(at), by) => {
                        let name = match by {
                            Some(id) => Member::find(conn, id)
                                .optional()?
                                .map(|m| m.nickname)
                                .unwrap_or_default(),
                            None => String::new(),
                        };
                        Some(format!("{} {name}", jst(at).format("%H:%M")).trim_end().to_string())
                    }
                    (None, _) => None,
                };
                let item = SchoolAbsence {
                    id: a.id,
                    class: class.label(),
                    child: format!("{}（{}）", child.short_name, child.name),
                    kind: a.kind().label().to_string(),
                    reason: a.reason.clone(),
                    note: a.note.clone(),
                    received: format!("{} {}", jst(a.created_at).format("%m/%d %H:%M"), a.channel().label()),
                    confirmed,
                };
                // Her own classes first, then the school's in roster order (the query's).
                items.push((!mine.contains(&class), item));
            }
            items.sort_by_key(|(others, _)| *others);
            Ok((school, items.into_iter().map(|(_, i)| i).collect::<Vec<_>>()))
        })
        .await?;
    let c = ctx(visitor);
    let key = day.format("%Y-%m-%d").to_string();
    let markup: Vec<_> = items.iter().map(|i| school_absence(&c, school_id, &key, i)).collect();
    let view = SchoolDayView {
        school_id,
        school: school.name,
        day_label: day_label(day),
        previous: (day - Duration::days(1)).format("%Y-%m-%d").to_string(),
        next: (day + Duration::days(1)).format("%Y-%m-%d").to_string(),
        day: key,
        notice,
    };
    Ok(paged_list(visitor, &markup, page, |list| {
        school_day(&c, &view, list, items.is_empty())
    }))
}
