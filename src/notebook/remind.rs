//! 「未読の方に再送する」: a reminder to each recipient of a message who has not read it and has an
//! address, at most once an hour per recipient (a second press within the hour sends nothing more).

use crate::context::Context;
use crate::db::models::notebook::message::Message;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::thread::Thread;
use crate::db::models::watch::school::School;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::mail_route::notebook_reply_address;
use crate::notebook::deliver::asks_line;
use chrono::Duration;
use diesel::QueryResult;
use hiroba_views::mail::notebook::messages::{reminder, NoticeView};

/// The shortest time between two reminders to the same recipient.
pub const REMIND_EVERY: Duration = Duration::hours(1);

/// Queues the reminders of message `thread_id`; how many were queued.
pub fn remind_unread(ctx: &Context, conn: &mut DbConnection, thread_id: i64) -> QueryResult<usize> {
    write_transaction(conn, |conn| {
        let at = now();
        let (Some(message), Some(thread)) = (Message::find(conn, thread_id)?, Thread::find(conn, thread_id)?) else {
            return Ok(0);
        };
        let Some(school) = School::find(conn, message.school_id)? else {
            return Ok(0);
        };
        let due = Recipient::take_for_reminder(conn, thread_id, at - REMIND_EVERY, at)?;
        let children = Recipient::children_of(conn, thread_id, None)?;
        let asks = asks_line(&message);
        for recipient in &due {
            let Some(address) = &recipient.address else { continue };
            let view = NoticeView {
                school: school.name.clone(),
                kind: message.kind.label().to_string(),
                title: thread.title.clone(),
                children: children
                    .iter()
                    .filter(|c| c.recipient_id == recipient.id)
                    .map(|c| c.short_name.clone())
                    .collect(),
                asks: asks.clone(),
                link: format!("{}/notebook/r/{}", ctx.settings.base_url, recipient.token),
            };
            let mail = reminder(&view);
            OutboxMail::queue_replyable(
                conn,
                MailKind::NotebookReminder,
                address,
                &mail.subject,
                &mail.body,
                Some(&notebook_reply_address(&recipient.token, &ctx.settings.mail.domain)),
            )?;
        }
        Ok(due.len())
    })
}
