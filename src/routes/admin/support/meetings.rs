//! `/admin/support/meetings`: the pairs matched for an activity ahead without a 事前打合せ, and
//! recording a meeting (for such a pair, or any family and supporter before a request). Each
//! record is written to the support log in its transaction.

use crate::db;
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::pre_meeting::PreMeeting;
use crate::db::models::support::request::SupportRequest;
use crate::db::models::support::supporter::Supporter;
use crate::domain::clock::clock;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::{day_label, parse_day_text, today};
use crate::error::AppError;
use crate::routes::admin::feedback::Feedback;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::support::meetings::{meetings, AwaitedRow, MeetingsView};
use std::collections::HashMap;

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    render(&visitor, Feedback::None).await
}

pub async fn record(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Update)?
        .member_id;
    let id = |name: &str| form.get(name).and_then(|v| v.trim().parse::<i64>().ok());
    let (Some(family), Some(supporter)) = (id("family"), id("supporter")) else {
        return render(&visitor, Feedback::refused("依頼会員と提供会員を選んでください。")).await;
    };
    let request = id("request");
    let Some(met_on) = form.get("met_on").and_then(parse_day_text) else {
        return render(
            &visitor,
            Feedback::refused("打合せの日を「2026-12-05」のように入力してください。"),
        )
        .await;
    };
    if met_on > today() {
        return render(&visitor, Feedback::refused("打合せの日が今日より後になっています。")).await;
    }
    let refused = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let names = names(conn)?;
                let is_family = SupportMember::find(conn, family)?.is_some_and(|s| s.membership().asks());
                if !is_family || Supporter::find(conn, supporter)?.is_none() || family == supporter {
                    return Ok(Some("依頼会員と提供会員を選び直してください。"));
                }
                PreMeeting::record(conn, family, supporter, met_on, by)?;
                let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
                let detail = format!("{}さんと{}さん、{met_on}", name(family), name(supporter));
                SupportLog::record(conn, request, Some(by), "事前打合せを記録", &detail)?;
                Ok::<_, AppError>(None)
            })
        })
        .await?;
    match refused {
        Some(why) => render(&visitor, Feedback::refused(why)).await,
        None => render(&visitor, Feedback::done("事前打合せを記録しました。")).await,
    }
}

fn names(conn: &mut db::DbConnection) -> Result<HashMap<i64, String>, AppError> {
    Ok(SupportMember::directory(conn)?
        .into_iter()
        .map(|e| (e.member_id, e.real_name))
        .collect())
}

async fn render(visitor: &Visitor, feedback: Feedback) -> Result<HttpResponse, AppError> {
    let (awaited, directory, supporters) = visitor
        .db(|conn| {
            let mut awaited = Vec::new();
            for (request_id, family, supporter) in PreMeeting::awaited(conn)? {
                if let Some(request) = SupportRequest::find(conn, request_id)? {
                    awaited.push((request, family, supporter));
                }
            }
            let supporters: Vec<i64> = Supporter::all(conn)?.into_iter().map(|s| s.member_id).collect();
            Ok((awaited, SupportMember::directory(conn)?, supporters))
        })
        .await?;
    let name = |id: i64| {
        directory
            .iter()
            .find(|e| e.member_id == id)
            .map(|e| e.real_name.clone())
            .unwrap_or_default()
    };
    let choose = || ("".to_string(), "選んでください".to_string());
    let (notice, error) = feedback.split();
    let view = MeetingsView {
        awaited: awaited
            .iter()
            .map(|(request, family, supporter)| {
                let asked = &request.asked;
                AwaitedRow {
                    request_id: asked.id,
                    when: format!(
                        "{} {}〜{}",
                        day_label(asked.day),
                        clock(asked.start_minute),
                        clock(asked.end_minute % (24 * 60))
                    ),
                    family_id: *family,
                    family: name(*family),
                    supporter_id: *supporter,
                    supporter: name(*supporter),
                }
            })
            .collect(),
        families: std::iter::once(choose())
            .chain(
                directory
                    .iter()
                    .filter(|e| e.membership.asks())
                    .map(|e| (e.member_id.to_string(), e.real_name.clone())),
            )
            .collect(),
        supporters: std::iter::once(choose())
            .chain(
                directory
                    .iter()
                    .filter(|e| supporters.contains(&e.member_id))
                    .map(|e| (e.member_id.to_string(), e.real_name.clone())),
            )
            .collect(),
        today: today().to_string(),
        notice,
        error,
    };
    Ok(ok(visitor, &meetings(&ctx(visitor), &view)))
}
