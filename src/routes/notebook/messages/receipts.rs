//! `/notebook/schools/{school}/messages/{id}`: receipts class by class, and `…/remind` (POST):
//! 「未読の方に再送する」, at most once an hour per recipient (`notebook::remind`).

use crate::db::models::notebook::message::Message;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::thread::Thread;
use crate::db::DbConnection;
use crate::domain::notebook::AnswerKind;
use crate::domain::policy::{child_reach, Action, ChildReach, Resource};
use crate::error::AppError;
use crate::notebook::access::staff_school;
use crate::notebook::deliver::short_time;
use crate::notebook::remind::remind_unread;
use crate::routes::request::{ctx, paged_list, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::messages::receipts::{class_item, receipts_page, ClassReceipt, ReceiptsView};
use hiroba_views::text::san;
use std::collections::{BTreeMap, BTreeSet};

/// A class's recipients, those who read, and the unread as the page names them.
type Tally = (BTreeSet<i64>, BTreeSet<i64>, Vec<String>);

/// The message if it is this school's and the member works there.
fn message_of(
    conn: &mut DbConnection,
    member_id: i64,
    reach: ChildReach,
    school_id: i64,
    thread_id: i64,
) -> Result<Message, AppError> {
    staff_school(conn, member_id, reach, school_id)?.ok_or(AppError::NotFound)?;
    Message::find(conn, thread_id)?
        .filter(|m| m.school_id == school_id)
        .ok_or(AppError::NotFound)
}

pub async fn show(visitor: Visitor, path: web::Path<(i64, i64)>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let (school_id, thread_id) = path.into_inner();
    let member = visitor.require_member(Resource::NotebookSchool, Action::Read)?;
    let (member_id, reach) = (member.member_id, child_reach(&member.principal()));
    let requested = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let notice = query
        .0
        .get("reminded")
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| match n {
            0 => "再送する方はいませんでした（未読でメールの届く方には、この1時間に再送済みです）。".to_string(),
            n => format!("{n}人に再送しました。"),
        });
    let (view, classes) = visitor
        .db(move |conn| {
            let message = message_of(conn, member_id, reach, school_id, thread_id)?;
            let thread = Thread::find(conn, thread_id)?.ok_or(AppError::NotFound)?;
            let recipients = Recipient::of_thread(conn, thread_id)?;
            let children = Recipient::children_of(conn, thread_id, None)?;
            let nicknames = Recipient::nicknames(conn, thread_id)?;
            let mut classes: BTreeMap<(i32, String), Tally> = BTreeMap::new();
            for child in &children {
                let Some(r) = recipients.iter().find(|r| r.id == child.recipient_id) else {
                    continue;
                };
                let entry = classes.entry((child.grade, child.class_name.clone())).or_default();
                entry.0.insert(r.id);
                if r.read_at.is_some() {
                    entry.1.insert(r.id);
                } else {
                    let name = nicknames.get(&r.id).map(|n| san(n)).unwrap_or_default();
                    let mark = if r.address.is_none() { "※" } else { "" };
                    entry.2.push(format!("{mark}{name}（{}）", child.short_name));
                }
            }
            let classes: Vec<ClassReceipt> = classes
                .into_iter()
                .map(|((grade, class_name), (all, read, unread))| ClassReceipt {
                    label: format!("{grade}年{class_name}"),
                    read: read.len(),
                    total: all.len(),
                    unread,
                })
                .collect();
            let sent = message.sent_at.is_some();
            let view = ReceiptsView {
                school_id,
                thread_id,
                title: thread.title,
                kind: message.kind.label().to_string(),
                when: if sent {
                    format!("{} 送信", short_time(message.sent_at.unwrap_or(message.send_at)))
                } else {
                    format!("{} 送信予定", short_time(message.send_at))
                },
                sent,
                read: recipients.iter().filter(|r| r.read_at.is_some()).count(),
                total: recipients.len(),
                asks_answers: message.answers != AnswerKind::None,
                notice,
            };
            Ok((view, classes))
        })
        .await?;
    let markup: Vec<_> = classes.iter().map(class_item).collect();
    let c = ctx(&visitor);
    Ok(paged_list(&visitor, &markup, requested, |list| {
        receipts_page(&c, &view, list)
    }))
}

pub async fn remind(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let (school_id, thread_id) = path.into_inner();
    let member = visitor.require_member(Resource::NotebookSchool, Action::Create)?;
    let (member_id, reach) = (member.member_id, child_reach(&member.principal()));
    let app_ctx = std::sync::Arc::clone(&visitor.state().ctx);
    let sent = visitor
        .db(move |conn| {
            message_of(conn, member_id, reach, school_id, thread_id)?;
            Ok(remind_unread(&app_ctx, conn, thread_id)?)
        })
        .await?;
    if sent > 0 {
        visitor.state().wakeup.notify();
    }
    Ok(redirect(
        &visitor,
        &format!("/notebook/schools/{school_id}/messages/{thread_id}?reminded={sent}"),
    ))
}
