//! `/watch/children/{id}`: today and four weeks of one child's passes, by day, paged to the device.
//! Staff views are written to the audit log before anything is shown.

use crate::db;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::watch::audit::WatchAudit;
use crate::db::models::watch::pass::Pass;
use crate::db::models::watch::recipient::Recipient;
use crate::db::models::watch::school::School;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::domain::time::{jst, jst_day_start};
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::routes::watch::access::{visible_child, ChildAccess};
use crate::routes::watch::lines::by_day;
use actix_web::{web, HttpResponse};
use chrono::Duration;
use hiroba_views::pages::watch::children::{day_passes, history, HistoryView};

/// How many days before today the history goes back (four weeks).
pub const HISTORY_DAYS: u32 = 28;

/// What the audit log calls a look at a child's history.
pub const AUDIT_ACTION: &str = "履歴を閲覧";

pub async fn show(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::ChildRecord, Action::Read)?;
    let (member_id, reach) = (me.member_id, child_reach(&me.principal()));
    let id = id.into_inner();
    let today = jst(db::now()).date_naive();
    let from = jst_day_start(today - Duration::days(i64::from(HISTORY_DAYS)));
    let until = jst_day_start(today + Duration::days(1));
    let (child, access, school, passes, own) = visitor
        .db(move |conn| {
            let (child, access) = visible_child(conn, member_id, reach, id)?;
            if access == ChildAccess::Staff {
                WatchAudit::record(conn, member_id, Some(child.id), AUDIT_ACTION)?;
            }
            let school = School::find(conn, child.school_id)?.map(|s| s.name).unwrap_or_default();
            let passes = Pass::of_child_between(conn, child.id, from, until)?;
            let own = if reach.own_family {
                let addresses = MailAddress::verified_of_member(conn, member_id)?;
                Recipient::of_child_at(conn, child.id, &addresses)?
            } else {
                Vec::new()
            };
            Ok((child, access, school, passes, own))
        })
        .await?;
    let ctx = ctx(&visitor);
    let view = HistoryView {
        child_id: child.id,
        grade_class: format!("{}年{}", child.grade, child.class_name),
        name: child.name,
        school,
        settings: own
            .into_iter()
            .map(|r| (r.id, format!("{} {}", r.label, r.address)))
            .collect(),
        audited: access == ChildAccess::Staff,
        days: HISTORY_DAYS,
    };
    let items: Vec<_> = by_day(&passes, today).iter().map(|d| day_passes(&ctx, d)).collect();
    let requested = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    Ok(paged_list(&visitor, &items, requested, |list| {
        history(&ctx, &view, list)
    }))
}
