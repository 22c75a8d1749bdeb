//! `/notebook/absences`: the family's notices, newest first, with 確認済み marks.

use crate::db::models::notebook::absence::Absence;
use crate::db::models::notebook::family::Family;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::{day_label, jst};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::absence::list::{absence_item, absence_list, no_family, AbsenceItem};

/// The most notices listed (a school year of a few children).
const LIMIT: i64 = 300;

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::Notebook, Action::Read)?.member_id;
    let page: usize = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let sent = query.0.get("sent").is_some();
    let items = visitor
        .db(move |conn| {
            let Some(family) = Family::of_guardian(conn, member_id)? else {
                return Ok(None);
            };
            let children = Family::children(conn, family.id)?;
            let items: Vec<AbsenceItem> = Absence::of_family(conn, family.id, LIMIT)?
                .into_iter()
                .map(|a| AbsenceItem {
                    day: day_label(a.day),
                    child: children
                        .iter()
                        .find(|c| c.id == a.child_id)
                        .map(|c| c.short_name.clone())
                        .unwrap_or_default(),
                    kind: a.kind().label().to_string(),
                    reason: a.reason.clone(),
                    note: a.note.clone(),
                    confirmed: a.confirmed_at.map(|at| jst(at).format("%m/%d %H:%M").to_string()),
                })
                .collect();
            Ok(Some(items))
        })
        .await?;
    let c = ctx(&visitor);
    let Some(items) = items else {
        return Ok(ok(&visitor, &no_family(&c)));
    };
    let markup: Vec<_> = items.iter().map(absence_item).collect();
    let notice = sent.then_some("連絡を受け付けました。先生が確認すると【確認済み】になり、メールでもお知らせします。");
    Ok(paged_list(&visitor, &markup, page, |list| {
        absence_list(&c, list, items.is_empty(), notice)
    }))
}
