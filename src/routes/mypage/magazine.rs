//! お知らせメールの設定: the areas and topics a member wants notices about.

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::magazine::{Subscription, TOPICS};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::magazine::{magazine_settings, Choice};

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    render(&visitor, None).await
}

pub async fn save(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let topics: Vec<String> = form
        .all("topic")
        .filter(|t| TOPICS.iter().any(|(key, _)| key == t))
        .map(str::to_string)
        .collect();
    let wanted: Vec<i64> = form.all("area").filter_map(|a| a.parse().ok()).collect();
    visitor
        .db(move |conn| {
            let known: Vec<i64> = Area::all(conn)?.into_iter().map(|a| a.id).collect();
            let choice = Subscription {
                area_ids: wanted.into_iter().filter(|a| known.contains(a)).collect(),
                topics,
            };
            Ok(db::write_transaction(conn, |conn| choice.save(conn, member_id))?)
        })
        .await?;
    render(&visitor, Some("保存しました。")).await
}

async fn render(visitor: &Visitor, notice: Option<&str>) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Read)?.member_id;
    let (areas, chosen) = visitor
        .db(move |conn| Ok((Area::all(conn)?, Subscription::of(conn, member_id)?)))
        .await?;
    let areas: Vec<Choice> = areas
        .into_iter()
        .map(|a| (a.id.to_string(), a.name, chosen.area_ids.contains(&a.id)))
        .collect();
    let topics: Vec<Choice> = TOPICS
        .iter()
        .map(|(key, label)| {
            (
                key.to_string(),
                label.to_string(),
                chosen.topics.iter().any(|t| t == key),
            )
        })
        .collect();
    Ok(ok(visitor, &magazine_settings(&ctx(visitor), &areas, &topics, notice)))
}
