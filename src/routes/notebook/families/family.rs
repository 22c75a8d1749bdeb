//! `/notebook/family`: the guardian's family (children, guardians) and its absence address. Only
//! her own family: there is no family id in the URL to try.

use crate::db::models::notebook::family::Family;
use crate::domain::mail_route::absence_address;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::notebook::families::start::child_lines;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::families::family::{family, FamilyView};

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::Notebook, Action::Read)?.member_id;
    let domain = visitor.settings().mail.domain.clone();
    let view = visitor
        .db(move |conn| {
            let Some(own) = Family::of_guardian(conn, member_id)? else {
                return Ok(None);
            };
            let children = Family::children(conn, own.id)?;
            Ok(Some(FamilyView {
                children: child_lines(conn, &children)?,
                guardians: Family::guardians(conn, own.id)?
                    .into_iter()
                    .map(|g| g.nickname)
                    .collect(),
                absence_address: absence_address(&own.mail_token, &domain),
            }))
        })
        .await?;
    match view {
        Some(view) => Ok(ok(&visitor, &family(&ctx(&visitor), &view))),
        // No family yet: the start page explains how to join one.
        None => Err(AppError::Redirect(visitor.location("/notebook"))),
    }
}
