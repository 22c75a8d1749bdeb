//! `…/joins`: the school's pending joins, approved or refused by its staff; the guardian gets a
//! mail either way (`notebook::join::decide`).

use crate::db::models::notebook::join::JoinRequest;
use crate::domain::policy::Action;
use crate::domain::time::jst;
use crate::error::AppError;
use crate::notebook::join::{child_label, decide as decide_join, Decision};
use crate::routes::notebook::families::staff::staff;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::families::joins::{join_item, joins, JoinItem};

pub async fn list(visitor: Visitor, path: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let page = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    render(&visitor, path.into_inner(), page, None).await
}

pub async fn decide(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (school_id, join_id) = path.into_inner();
    let (member_id, school) = staff(&visitor, school_id, Action::Update).await?;
    let approve = match form.get("decision") {
        Some("approve") => true,
        Some("refuse") => false,
        _ => return Err(AppError::BadInput("承認かお断りかを選んでください。".into())),
    };
    let base_url = visitor.settings().base_url.clone();
    let decision = visitor
        .db(move |conn| Ok(decide_join(conn, &base_url, &school, join_id, approve, member_id)?))
        .await?;
    let notice = match (decision, approve) {
        (Decision::Done, true) => "承認しました。保護者にメールでお知らせします。",
        (Decision::Done, false) => "お断りしました。保護者にメールでお知らせします。",
        (Decision::Gone, _) => "この登録は、すでにほかの先生が確認しました。",
    };
    render(&visitor, school_id, 1, Some(notice)).await
}

async fn render(
    visitor: &Visitor,
    school_id: i64,
    page: usize,
    notice: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let (_, school) = staff(visitor, school_id, Action::Read).await?;
    let items: Vec<JoinItem> = visitor
        .db(move |conn| {
            Ok(JoinRequest::pending_of_school(conn, school.id)?
                .into_iter()
                .map(|p| JoinItem {
                    id: p.id,
                    guardian: format!("{}（{}）", p.nickname, p.real_name),
                    child: child_label(&p.child),
                    asked: jst(p.created_at).format("%-m/%-d %-H:%M").to_string(),
                })
                .collect())
        })
        .await?;
    let c = ctx(visitor);
    let markup: Vec<_> = items.iter().map(|i| join_item(&c, school_id, i)).collect();
    let empty = items.is_empty();
    Ok(paged_list(visitor, &markup, page, |list| {
        joins(&c, school_id, list, empty, notice)
    }))
}
