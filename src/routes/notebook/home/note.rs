//! POST `/notebook/home/notes`: a guardian leaves a short message on the board, for one child of
//! her family or all of them.

use super::guardian::{family, render, Typed};
use crate::db::models::notebook::family::Family;
use crate::domain::notebook::home::parse_message;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::notebook::home::leave_message;
use crate::routes::request::Posted;
use actix_web::HttpResponse;

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (member_id, family) = family(&visitor, Action::Create).await?;
    let family = family.ok_or(AppError::NotFound)?;
    let typed = Typed {
        text: form.get("text").unwrap_or_default().to_string(),
        child: form.get("child").unwrap_or_default().trim().to_string(),
    };
    let text = match parse_message(&typed.text) {
        Ok(text) => text,
        Err(why) => return render(&visitor, family.id, typed, None, Some(why.to_string()), 1).await,
    };
    let child_id = match typed.child.as_str() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let family_id = family.id;
    let stored = visitor
        .db(move |conn| {
            if let Some(child_id) = child_id {
                if !Family::children(conn, family_id)?.iter().any(|c| c.id == child_id) {
                    return Ok(false);
                }
            }
            leave_message(conn, family_id, member_id, child_id, &text)?;
            Ok(true)
        })
        .await?;
    if !stored {
        return Err(AppError::NotFound);
    }
    render(
        &visitor,
        family.id,
        Typed::default(),
        Some("伝言をホーム端末に出しました。".into()),
        None,
        1,
    )
    .await
}
