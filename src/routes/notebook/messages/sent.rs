//! `/notebook/schools/{school}/messages`: the school's messages, sent and scheduled, with read
//! counts, for its staff (another school's teacher gets 404).

use crate::db::models::notebook::message::Message;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::error::AppError;
use crate::notebook::access::staff_school;
use crate::notebook::deliver::short_time;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::messages::sent::{sent_line, sent_page, SentLine};

pub async fn list(visitor: Visitor, school: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let school_id = school.into_inner();
    let member = visitor.require_member(Resource::NotebookSchool, Action::Read)?;
    let (member_id, reach) = (member.member_id, child_reach(&member.principal()));
    let requested = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let (school, lines) = visitor
        .db(move |conn| {
            let school = staff_school(conn, member_id, reach, school_id)?.ok_or(AppError::NotFound)?;
            Ok((school, Message::of_school(conn, school_id)?))
        })
        .await?;
    let c = ctx(&visitor);
    let markup: Vec<_> = lines
        .iter()
        .map(|l| {
            sent_line(
                &c,
                &SentLine {
                    thread_id: l.message.thread_id,
                    school_id,
                    title: l.title.clone(),
                    kind: l.message.kind.label().to_string(),
                    when: short_time(l.message.sent_at.unwrap_or(l.message.send_at)),
                    scheduled: l.message.sent_at.is_none(),
                    read: l.read,
                    total: l.total,
                },
            )
        })
        .collect();
    Ok(paged_list(&visitor, &markup, requested, |list| {
        sent_page(&c, school_id, &school.name, list)
    }))
}
