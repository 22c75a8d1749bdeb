//! How a guardian reaches her answer form: signed in (`/notebook/messages/{id}/answer`, the
//! message must have gone to her) or by the link of her notice (`/notebook/r/{token}/answer`, the
//! token is the secret). Anyone else gets the 404 page: whether a message exists is not told.

use crate::db::models::notebook::recipient::Recipient;
use crate::domain::notebook::ReadVia;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::notebook::access::own_message;
use crate::routes::request::Visitor;

#[derive(Debug, Clone)]
pub enum Door {
    /// The message's thread id.
    Member(i64),
    Token(String),
}

impl Door {
    /// The form's own path.
    pub fn action(&self) -> String {
        format!("{}/answer", self.back())
    }

    /// The message's page (the messages part's).
    pub fn back(&self) -> String {
        match self {
            Door::Member(id) => format!("/notebook/messages/{id}"),
            Door::Token(token) => format!("/notebook/r/{token}"),
        }
    }

    /// How opening the message by this door counts as a read.
    pub fn via(&self) -> ReadVia {
        match self {
            Door::Member(_) => ReadVia::Web,
            Door::Token(_) => ReadVia::Link,
        }
    }

    /// The recipient row behind the door.
    pub async fn open(&self, visitor: &Visitor, action: Action) -> Result<Recipient, AppError> {
        match self {
            Door::Member(id) => {
                let member = visitor.require_member(Resource::Notebook, action)?.member_id;
                let id = *id;
                visitor
                    .db(move |conn| Ok(own_message(conn, member, id)?))
                    .await?
                    .ok_or(AppError::NotFound)
            }
            Door::Token(token) => {
                // Tokens are short lowercase letters and digits; anything else never reaches the database.
                if token.is_empty() || token.len() > 64 || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(AppError::NotFound);
                }
                let token = token.clone();
                visitor
                    .db(move |conn| Ok(Recipient::by_token(conn, &token)?))
                    .await?
                    .ok_or(AppError::NotFound)
            }
        }
    }
}
