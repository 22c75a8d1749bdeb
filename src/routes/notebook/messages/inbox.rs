//! `/notebook/messages`: the guardian's messages, newest first, 未読 marked, paged to the phone.

use crate::db::models::notebook::message::Message;
use crate::domain::notebook::AnswerKind;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::month_day;
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::messages::inbox::{inbox_line, inbox_page, InboxItem};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::Notebook, Action::Read)?.member_id;
    let requested = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let lines = visitor.db(move |conn| Ok(Message::inbox(conn, member_id)?)).await?;
    let c = ctx(&visitor);
    let markup: Vec<_> = lines
        .iter()
        .map(|l| {
            inbox_line(
                &c,
                &InboxItem {
                    thread_id: l.thread_id,
                    title: l.title.clone(),
                    kind: l.kind.label().to_string(),
                    when: month_day(l.sent_at),
                    unread: !l.read,
                    asks: l.answers != AnswerKind::None,
                },
            )
        })
        .collect();
    Ok(paged_list(&visitor, &markup, requested, |list| inbox_page(&c, list)))
}
