//! Sending a message: its recipients (one per guardian, naming each of her children the message is
//! for), their tokens and the notices through the outbox, all in one transaction.

use crate::context::Context;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::message::Message;
use crate::db::models::notebook::recipient::{NewRecipient, Recipient};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::thread::Thread;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::mail_route::notebook_reply_address;
use crate::domain::notebook::targeting::{by_guardian, RosterChild, Target};
use crate::domain::notebook::AnswerKind;
use crate::domain::time::jst;
use crate::domain::token::posting_token;
use chrono::{Datelike, NaiveDateTime, Timelike};
use diesel::QueryResult;
use hiroba_views::mail::notebook::messages::NoticeView;
use std::collections::HashMap;

/// What `send_due` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sent {
    /// Recipient rows made (guardians).
    pub recipients: usize,
    /// Notices queued (recipients with an address that takes mail).
    pub mails: usize,
}

/// The `notebook_send` job: makes the recipients of message `thread_id` and queues their notices,
/// once (a message already sent is left alone).
pub fn send_due(ctx: &Context, conn: &mut DbConnection, thread_id: i64) -> QueryResult<()> {
    send(ctx, conn, thread_id).map(drop)
}

/// `send_due`, saying what it did (the demo and the benchmark read it).
pub fn send(ctx: &Context, conn: &mut DbConnection, thread_id: i64) -> QueryResult<Sent> {
    write_transaction(conn, |conn| {
        let at = now();
        let Some(message) = Message::find(conn, thread_id)? else {
            return Ok(Sent::default());
        };
        // The one conditional UPDATE that decides: a second run, or a second worker, stops here.
        if !Message::claim_sending(conn, thread_id, at)? {
            return Ok(Sent::default());
        }
        let (Some(thread), Some(school)) = (Thread::find(conn, thread_id)?, School::find(conn, message.school_id)?)
        else {
            return Ok(Sent::default());
        };
        let children = audience(conn, &message)?;
        let names: HashMap<i64, String> = children.iter().map(|c| (c.id, c.short_name.clone())).collect();
        let ids: Vec<i64> = children.iter().map(|c| c.id).collect();
        let guardians = by_guardian(&Family::guardians_of_children(conn, &ids)?);
        let member_ids: Vec<i64> = guardians.keys().copied().collect();
        let addresses = MailAddress::reachable_of_members(conn, &member_ids)?;
        let asks = asks_line(&message);
        let domain = &ctx.settings.mail.domain;
        let mut rows = Vec::with_capacity(guardians.len());
        let mut mails = 0;
        for (member_id, child_ids) in &guardians {
            let token = posting_token();
            let address = addresses.get(member_id).cloned();
            let notice_outbox_id = match &address {
                Some(to) => {
                    let view = NoticeView {
                        school: school.name.clone(),
                        kind: message.kind.label().to_string(),
                        title: thread.title.clone(),
                        children: child_ids.iter().filter_map(|c| names.get(c).cloned()).collect(),
                        asks: asks.clone(),
                        link: format!("{}/notebook/r/{token}", ctx.settings.base_url),
                    };
                    let mail = hiroba_views::mail::notebook::messages::notice(&view);
                    let reply_to = notebook_reply_address(&token, domain);
                    mails += 1;
                    Some(OutboxMail::queue_replyable(
                        conn,
                        MailKind::NotebookNotice,
                        to,
                        &mail.subject,
                        &mail.body,
                        Some(&reply_to),
                    )?)
                }
                None => None,
            };
            rows.push(NewRecipient {
                member_id: *member_id,
                token,
                address,
                notice_outbox_id,
            });
        }
        let ids_by_token = Recipient::insert_all(conn, thread_id, &rows)?;
        let pairs: Vec<(i64, i64)> = rows
            .iter()
            .filter_map(|r| Some((*ids_by_token.get(&r.token)?, r.member_id)))
            .flat_map(|(recipient, member)| {
                guardians
                    .get(&member)
                    .into_iter()
                    .flatten()
                    .map(move |child| (recipient, *child))
            })
            .collect();
        Recipient::insert_children(conn, &pairs)?;
        Ok(Sent {
            recipients: rows.len(),
            mails,
        })
    })
}

/// The children of the school a message is for (a family's children at other schools are not).
fn audience(conn: &mut DbConnection, message: &Message) -> QueryResult<Vec<Child>> {
    let target = message.target(conn)?;
    let children = match target {
        Target::Family(family_id) => Family::children(conn, family_id)?,
        _ => Child::of_school(conn, message.school_id)?
            .into_iter()
            .filter(|c| {
                target.takes(&RosterChild {
                    id: c.id,
                    grade: c.grade,
                    class_name: c.class_name.clone(),
                })
            })
            .collect(),
    };
    Ok(children
        .into_iter()
        .filter(|c| c.school_id == message.school_id)
        .collect())
}

/// 「回答をお願いします（12/10 17:00まで）」 when the message asks something back.
pub fn asks_line(message: &Message) -> Option<String> {
    let what = match message.answers {
        AnswerKind::None => return None,
        AnswerKind::Text => "返信をお願いします",
        AnswerKind::Survey => "アンケートへの回答をお願いします",
    };
    Some(match message.answer_until {
        Some(until) => format!("{what}（{}まで）", short_time(until)),
        None => what.to_string(),
    })
}

/// 「12/10 17:00」 in Japan time.
pub fn short_time(utc: NaiveDateTime) -> String {
    let t = jst(utc);
    format!("{}/{} {:02}:{:02}", t.month(), t.day(), t.hour(), t.minute())
}
