//! `/support`: what the service is and how to join, or the member's menu by membership, with a
//! supporter's vetting state in plain words.

use crate::db::models::support::supporter::Supporter;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::Role;
use crate::domain::support::vetting::{advice, offerable_on};
use crate::domain::time::today;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use crate::routes::support::enrolled::enrolment;
use actix_web::HttpResponse;
use hiroba_views::pages::support::home::{support_home, Enrolled, SupportHomeView};

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    render(&visitor, None).await
}

/// The home page with an optional notice on top (after joining).
pub async fn render(visitor: &Visitor, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let (member_id, support) = enrolment(visitor, Action::Read).await?;
    let supporter = match &support {
        Some(s) if s.membership().helps() => visitor.db(move |conn| Ok(Supporter::find(conn, member_id)?)).await?,
        _ => None,
    };
    let coordinator = visitor.member().is_some_and(|m| m.roles.contains(&Role::Coordinator));
    let enrolled = support.map(|s| {
        let membership = s.membership();
        let state = supporter
            .as_ref()
            .map(|row| offerable_on(&row.vetting(), row.active, today()));
        Enrolled {
            membership: membership.label().to_string(),
            asks: membership.asks(),
            helps: membership.helps(),
            supporter_state: state.map(|s| match s {
                Ok(()) => "依頼のお知らせが届く状態です。".to_string(),
                Err(why) => advice(why).to_string(),
            }),
            offerable: state.is_some_and(|s| s.is_ok()),
        }
    });
    let view = SupportHomeView {
        enrolled,
        coordinator: coordinator && visitor.may(Resource::SupportCentre, Action::Read),
        notice,
    };
    Ok(ok(visitor, &support_home(&ctx(visitor), &view)))
}
