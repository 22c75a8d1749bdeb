//! `/communities/new` (コミュニティをつくる): a member proposes a community; it waits for a
//! coordinator (`/admin/communities`) and its page says so.

use super::area_choices;
use crate::db::models::area::Area;
use crate::db::models::community::{Community, Proposal};
use crate::domain::community::{CommunityDescription, CommunityName};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::areas::own_area;
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::communities::new::{new_community, NewCommunityView};

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let entered = own_area(&visitor, member_id).await?;
    render(&visitor, &entered, Vec::new()).await
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let field = |name| form.get(name).unwrap_or_default();
    let (name, description) = match (
        CommunityName::parse(field("name")),
        CommunityDescription::parse(field("description")),
    ) {
        (Ok(name), Ok(description)) => (name, description),
        (name, description) => {
            let problems = [name.err(), description.err()]
                .into_iter()
                .flatten()
                .map(|e| e.to_string())
                .collect();
            return render(&visitor, &form, problems).await;
        }
    };
    let area_id = field("area").parse::<i64>().ok();
    let stored = visitor
        .db(move |conn| {
            let area_id = match area_id {
                Some(id) => Area::find(conn, id)?.map(|a| a.id),
                None => None,
            };
            let proposal = Proposal {
                name: &name,
                description: &description,
                area_id,
                created_by: member_id,
            };
            Ok(Community::propose(conn, &proposal)?)
        })
        .await?;
    match stored {
        Some(id) => Ok(redirect(&visitor, &format!("/communities/{id}"))),
        None => {
            let taken = "同じ名前のコミュニティがすでにあります。別の名前にしてください。".to_string();
            render(&visitor, &form, vec![taken]).await
        }
    }
}

/// The form with what was entered and what was wrong with it.
async fn render(visitor: &Visitor, entered: &FormData, problems: Vec<String>) -> Result<HttpResponse, AppError> {
    let areas = visitor.db(|conn| Ok(Area::all(conn)?)).await?;
    let field = |name| entered.get(name).unwrap_or_default().to_string();
    let view = NewCommunityView {
        areas: area_choices(&areas, "指定しない"),
        name: field("name"),
        description: field("description"),
        area: field("area"),
        problems,
    };
    Ok(ok(visitor, &new_community(&ctx(visitor), &view)))
}
