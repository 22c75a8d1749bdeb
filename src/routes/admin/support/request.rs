//! `/admin/support/requests/{id}`: one request for the coordinators — the ranking computed now
//! (each part's points and reason; who is left out and why), the waves and each offer's state,
//! the log, assigning by hand and cancelling.

use crate::context::Context;
use crate::db::models::member::Member;
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::SupportRequest;
use crate::db::models::support::supporter::Supporter;
use crate::db::{now, DbConnection};
use crate::domain::policy::{Action, Resource};
use crate::domain::support::request::Kind;
use crate::domain::support::status::log_action_label;
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use crate::support::cancel::fee_if_cancelled;
use crate::support::candidates::ranking;
use crate::support::describe::describe;
use actix_web::{web, HttpResponse};
use diesel::QueryResult;
use hiroba_views::pages::admin::support::request::{request_page, AdminRequestView, ExcludedRow, OfferRow, RankedRow};
use std::collections::HashMap;

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    render(&visitor, id.into_inner(), None).await
}

/// The page with a notice after an action.
pub async fn render(visitor: &Visitor, id: i64, notice: Option<String>) -> Result<HttpResponse, AppError> {
    visitor.require_member(Resource::SupportCentre, Action::Read)?;
    let ctx_arc = std::sync::Arc::clone(&visitor.state().ctx);
    let view = visitor
        .db(move |conn| Ok(view_of(&ctx_arc, conn, id, notice)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ok(visitor, &request_page(&ctx(visitor), &view)))
}

fn view_of(
    ctx: &Context,
    conn: &mut DbConnection,
    id: i64,
    notice: Option<String>,
) -> QueryResult<Option<AdminRequestView>> {
    let Some(request) = SupportRequest::find(conn, id)? else {
        return Ok(None);
    };
    let described = describe(conn, &request)?;
    let (_, ranked) = ranking(conn, &request)?;
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut name = |conn: &mut DbConnection, id: i64| -> QueryResult<String> {
        if let Some(n) = names.get(&id) {
            return Ok(n.clone());
        }
        let member = Member::find(conn, id)?;
        let n = format!("{}（{}）", member.real_name, member.nickname);
        names.insert(id, n.clone());
        Ok(n)
    };
    let mut eligible = Vec::with_capacity(ranked.eligible.len());
    for r in &ranked.eligible {
        eligible.push(RankedRow {
            supporter_id: r.id.0,
            name: name(conn, r.id.0)?,
            total: r.score.total,
            parts: r.score.parts.iter().map(|p| (p.reason.to_string(), p.points)).collect(),
        });
    }
    let mut excluded = Vec::with_capacity(ranked.excluded.len());
    for e in &ranked.excluded {
        excluded.push(ExcludedRow {
            name: name(conn, e.id.0)?,
            reason: e.reason.to_string(),
        });
    }
    let mut offers = Vec::new();
    for o in Offer::of_request(conn, id)? {
        offers.push(OfferRow {
            wave: o.wave,
            position: o.position,
            name: name(conn, o.supporter_id)?,
            score: o.score,
            reason: o.reason.clone(),
            state: o.status().label().to_string(),
            answered: o
                .answered_at
                .map(|at| jst(at).format("%m/%d %H:%M").to_string())
                .unwrap_or_default(),
        });
    }
    let log = SupportLog::for_request(conn, id)?
        .into_iter()
        .map(|l| {
            (
                jst(l.at).format("%m/%d %H:%M").to_string(),
                l.member_name.unwrap_or_else(|| "システム".into()),
                log_action_label(&l.action).to_string(),
                l.detail,
            )
        })
        .collect();
    let status = request.progress.status();
    // Anyone active and vetted may be assigned by hand, eligible ones first.
    let mut assignable: Vec<(String, String)> = eligible
        .iter()
        .map(|r| (r.supporter_id.to_string(), format!("{}（{}点）", r.name, r.total)))
        .collect();
    for s in Supporter::all(conn)? {
        let listed = assignable.iter().any(|(sid, _)| *sid == s.member_id.to_string());
        if !listed && s.active && s.member_id != request.asked.family_id {
            assignable.push((
                s.member_id.to_string(),
                format!("{}（対象外）", name(conn, s.member_id)?),
            ));
        }
    }
    let family = name(conn, request.asked.family_id)?;
    let supporter = match request.progress.supporter_id {
        Some(sid) => Some(name(conn, sid)?),
        None => None,
    };
    let places = match request.asked.kind() {
        Kind::Pickup { .. } => format!("{} → {}", request.asked.from_place, request.asked.to_place),
        Kind::Care { .. } => String::new(),
    };
    let fee = fee_if_cancelled(ctx, &request, described.child_ids.len(), now()).map(|f| f.total.to_string());
    Ok(Some(AdminRequestView {
        id,
        notice,
        family,
        when: described.when,
        kind: described.kind,
        urgent: request.asked.urgent,
        children: described.children,
        places,
        note: request.asked.note.clone(),
        state: status.label().to_string(),
        supporter,
        cancelled: request.progress.cancel_reason.clone(),
        eligible,
        excluded,
        offers,
        log,
        can_assign: status.is_seeking(),
        can_cancel: status.can_cancel(),
        cancel_fee: fee,
        assignable,
    }))
}
