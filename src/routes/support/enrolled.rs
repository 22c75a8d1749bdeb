//! What the members' support pages share: the signed-in member's enrolment, and sending her to
//! `/support/join` when a page needs a membership she does not have.

use crate::db::models::support::member::SupportMember;
use crate::db::models::support::supporter::Supporter;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::Visitor;

/// The signed-in member's id and enrolment (None when she has not joined).
pub async fn enrolment(visitor: &Visitor, action: Action) -> Result<(i64, Option<SupportMember>), AppError> {
    let member_id = visitor.require_member(Resource::SupportOwn, action)?.member_id;
    let support = visitor
        .db(move |conn| Ok(SupportMember::find(conn, member_id)?))
        .await?;
    Ok((member_id, support))
}

/// The member's id when she is a 依頼会員 (or 両方会員); else to the join page.
pub async fn family(visitor: &Visitor, action: Action) -> Result<i64, AppError> {
    match enrolment(visitor, action).await? {
        (id, Some(s)) if s.membership().asks() => Ok(id),
        _ => Err(AppError::Redirect(visitor.location("/support/join"))),
    }
}

/// The member's supporter row when she is a 提供会員 (or 両方会員); else to the join page.
pub async fn supporter(visitor: &Visitor, action: Action) -> Result<Supporter, AppError> {
    let member_id = visitor.require_member(Resource::SupportOwn, action)?.member_id;
    let row = visitor
        .db(move |conn| {
            let helps = SupportMember::find(conn, member_id)?.is_some_and(|s| s.membership().helps());
            Ok(if helps { Supporter::find(conn, member_id)? } else { None })
        })
        .await?;
    row.ok_or_else(|| AppError::Redirect(visitor.location("/support/join")))
}
