//! 未登校・連絡なし: the children of a school with no arrival pass today and no absence notice, and
//! the optional mail to their guardians at the school's configured time.

use crate::context::Context;
use crate::db::models::notebook::absence::Absence;
use crate::db::models::notebook::contacted::{arrived_children, claim_nudge, Contacted};
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::school_settings::SchoolSettings;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::{write_transaction, DbConnection};
use crate::domain::mail_route::absence_address;
use crate::domain::notebook::not_arrived::{list_started, nudge_due as due};
use crate::domain::time::{jst, minute_of_day};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::QueryResult;
use hiroba_views::mail::notebook::absence::not_arrived;
use std::collections::{HashMap, HashSet};

/// A child on the list, with the 保護者に連絡済み mark if a teacher set it.
#[derive(Debug, Clone)]
pub struct NotArrived {
    pub child: Child,
    pub contacted_at: Option<NaiveDateTime>,
}

/// The school's children (in roster order: grade, class, name) with no arrival through its gates on
/// `day` and no 欠席/遅刻 notice for it. Four queries for the whole school, whatever its size.
pub fn list(conn: &mut DbConnection, school: &School, day: NaiveDate) -> QueryResult<Vec<NotArrived>> {
    let children = Child::of_school(conn, school.id)?;
    let arrived: HashSet<i64> = arrived_children(conn, school.id, day, school.arrival_until)?
        .into_iter()
        .collect();
    let excused: HashSet<i64> = Absence::excused_children(conn, school.id, day)?.into_iter().collect();
    let contacted: HashMap<i64, NaiveDateTime> = Contacted::of_school_day(conn, school.id, day)?
        .into_iter()
        .map(|c| (c.child_id, c.at))
        .collect();
    Ok(children
        .into_iter()
        .filter(|c| !arrived.contains(&c.id) && !excused.contains(&c.id))
        .map(|child| NotArrived {
            contacted_at: contacted.get(&child.id).copied(),
            child,
        })
        .collect())
}

/// Queues the not-arrived mail of every school whose time has come today, once per school and day
/// (`notebook_nudges`). Called by the workers' maintenance; the number of mails queued.
pub fn nudge_due(ctx: &Context, conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let day = jst(now).date_naive();
    let minute = minute_of_day(now);
    let mut queued = 0;
    for (school_id, nudge_at) in SchoolSettings::nudging(conn)? {
        if !due(day, minute, nudge_at) {
            continue;
        }
        let Some(school) = School::find(conn, school_id)? else {
            continue;
        };
        // Before the late time nobody is late yet: the list (and its mail) waits for it.
        if !list_started(minute, school.late_after) {
            continue;
        }
        queued += nudge_school(ctx, conn, &school, day)?;
    }
    Ok(queued)
}

/// The mail of one school and day: claimed first, so that a second worker (or a second run) finds
/// it done; then one mail per guardian of each child on the list not marked contacted.
fn nudge_school(ctx: &Context, conn: &mut DbConnection, school: &School, day: NaiveDate) -> QueryResult<usize> {
    write_transaction(conn, |conn| {
        if !claim_nudge(conn, school.id, day)? {
            return Ok(0);
        }
        let mut queued = 0;
        let link = format!("{}/notebook/absences/new", ctx.settings.base_url);
        for entry in list(conn, school, day)? {
            if entry.contacted_at.is_some() {
                continue;
            }
            let Some(family) = Family::of_child(conn, entry.child.id)? else {
                continue;
            };
            let address = absence_address(&family.mail_token, &ctx.settings.mail.domain);
            let text = not_arrived(&entry.child.short_name, &school.name, &address, &link);
            for to in Family::guardian_addresses(conn, family.id)? {
                // Replies go to the family's absence address and are read as a notice.
                OutboxMail::queue_replyable(
                    conn,
                    MailKind::NotArrived,
                    &to,
                    &text.subject,
                    &text.body,
                    Some(&address),
                )?;
                queued += 1;
            }
        }
        Ok(queued)
    })
}
