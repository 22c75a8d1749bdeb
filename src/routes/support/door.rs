//! How the matched supporter reaches her activity: signed in (`/support/activities/{id}`, she
//! must be the request's supporter), or by the token link of her confirmation mail
//! (`/support/h/{token}`, the token is the secret). Anyone else gets the 404 page: whether a
//! request exists is not told.

use crate::db::models::support::request::SupportRequest;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::Visitor;

#[derive(Debug, Clone)]
pub enum Door {
    Member(i64),
    Token(String),
}

impl Door {
    /// Where the activity's page and forms are.
    pub fn base(&self) -> String {
        match self {
            Door::Member(id) => format!("/support/activities/{id}"),
            Door::Token(token) => format!("/support/h/{token}"),
        }
    }

    /// The request behind the door and who acts (the signed-in supporter; None by token).
    pub async fn open(&self, visitor: &Visitor, action: Action) -> Result<(SupportRequest, Option<i64>), AppError> {
        match self {
            Door::Member(id) => {
                let member = visitor.require_member(Resource::SupportOwn, action)?.member_id;
                let id = *id;
                let request = visitor
                    .db(move |conn| Ok(SupportRequest::find(conn, id)?))
                    .await?
                    .filter(|r| r.progress.supporter_id == Some(member))
                    .ok_or(AppError::NotFound)?;
                Ok((request, Some(member)))
            }
            Door::Token(token) => {
                if !is_side_token(token) {
                    return Err(AppError::NotFound);
                }
                let token = token.clone();
                let request = visitor
                    .db(move |conn| Ok(SupportRequest::by_side_token(conn, &token, true)?))
                    .await?
                    .filter(|r| r.progress.supporter_id.is_some())
                    .ok_or(AppError::NotFound)?;
                Ok((request, None))
            }
        }
    }
}

/// Only strings shaped like a side token (`domain::token::posting_token`) reach the database.
pub fn is_side_token(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'9').contains(&b))
}
