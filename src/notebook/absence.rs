//! 欠席・遅刻・早退連絡: storing a notice from the form or a mail, the teacher's 確認 and its mail.

use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::notebook::absence::{guardian_by_address, Absence, NewAbsence};
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::school_settings::SchoolSettings;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::watch::child::Child;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::notebook::absence::{read_mail, MailUnread, NamedChild};
use crate::domain::notebook::Channel;
use crate::domain::time::day_label;
use chrono::NaiveDate;
use diesel::QueryResult;
use hiroba_views::mail::notebook::absence as mails;
use hiroba_views::mail::MailText;

/// Answers to a refused sender at most this often a day, so that a forged sender cannot make us a
/// mail cannon.
const REFUSALS_PER_DAY: i64 = 5;

/// Stores a notice (the form's, or the demo's). The caller checked that the child is in the
/// guardian's family and that the day may take a notice.
pub fn record(conn: &mut DbConnection, new: &NewAbsence) -> QueryResult<i64> {
    write_transaction(conn, |conn| Absence::insert(conn, new))
}

/// What pressing 確認しました did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// This press confirmed it; the guardians' mail is queued.
    Now,
    /// Someone had confirmed it already: no second mail.
    Already,
}

/// Marks a notice 確認済み and queues the AbsenceConfirmed mail to the child's guardians, in one
/// transaction; of two teachers pressing at once, one UPDATE matches and one mail goes.
pub fn confirm(conn: &mut DbConnection, absence: &Absence, child: &Child, member_id: i64) -> QueryResult<Confirmed> {
    write_transaction(conn, |conn| {
        if !Absence::confirm(conn, absence.id, member_id)? {
            return Ok(Confirmed::Already);
        }
        if let Some(family) = Family::of_child(conn, child.id)? {
            let text = mails::confirmed(&child.short_name, &day_label(absence.day), absence.kind().label());
            for address in Family::guardian_addresses(conn, family.id)? {
                OutboxMail::queue(conn, MailKind::AbsenceConfirmed, &address, &text.subject, &text.body)?;
            }
        }
        Ok(Confirmed::Now)
    })
}

/// An absence mail to a family's address, as decoded.
#[derive(Debug, Clone)]
pub struct AbsenceMail<'a> {
    pub inbound_mail_id: i64,
    pub sender: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
}

/// How an absence mail ended (the inbound mail's outcome).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    Recorded(i64),
    NotAGuardian,
    WhichChild,
    BadDay,
}

/// Reads an absence mail to `family`'s address and, in one transaction, stores the notice (or
/// nothing), answers the sender and finishes the inbound mail (Processed or Refused).
pub fn take_mail(
    conn: &mut DbConnection,
    family: &Family,
    mail: &AbsenceMail<'_>,
    today: NaiveDate,
) -> QueryResult<MailOutcome> {
    write_transaction(conn, |conn| {
        let guardian = match mail.sender {
            Some(sender) => guardian_by_address(conn, family.id, sender)?,
            None => None,
        };
        let Some(member_id) = guardian else {
            if let Some(sender) = mail.sender {
                refuse(conn, sender, &mails::not_registered())?;
            }
            InboundMail::finish(
                conn,
                mail.inbound_mail_id,
                Disposition::Refused,
                "sender is not a guardian",
            )?;
            return Ok(MailOutcome::NotAGuardian);
        };
        let sender = mail.sender.unwrap_or_default();
        let children = Family::children(conn, family.id)?;
        let names: Vec<String> = children.iter().map(|c| c.short_name.clone()).collect();
        let named: Vec<NamedChild> = children
            .iter()
            .map(|c| NamedChild {
                id: c.id,
                name: c.name.clone(),
                short_name: c.short_name.clone(),
            })
            .collect();
        // Reasons are the school's; with siblings at two schools, read with the first's list and
        // keep what the child's school offers below.
        let school_id = children.first().map_or(0, |c| c.school_id);
        let reasons = SchoolSettings::of(conn, school_id)?.absence_reasons;
        let read = read_mail(mail.subject, mail.body, today, &reasons, &named);
        let notice = match read {
            Ok(notice) => notice,
            Err(MailUnread::WhichChild) => {
                reply(conn, sender, &mails::which_child(&names))?;
                InboundMail::finish(
                    conn,
                    mail.inbound_mail_id,
                    Disposition::Refused,
                    "which child: asked again",
                )?;
                return Ok(MailOutcome::WhichChild);
            }
            Err(MailUnread::Day(e)) => {
                reply(conn, sender, &mails::day_refused(&e.to_string(), &names))?;
                InboundMail::finish(conn, mail.inbound_mail_id, Disposition::Refused, "day refused")?;
                return Ok(MailOutcome::BadDay);
            }
        };
        let Some(child) = children.iter().find(|c| c.id == notice.child_id) else {
            return Err(diesel::result::Error::NotFound);
        };
        let reason = if child.school_id == school_id {
            notice.reason
        } else {
            let own = SchoolSettings::of(conn, child.school_id)?.absence_reasons;
            if own.contains(&notice.reason) {
                notice.reason
            } else {
                crate::domain::notebook::absence::OTHER_REASON.to_string()
            }
        };
        let id = Absence::insert(
            conn,
            &NewAbsence {
                child_id: child.id,
                member_id,
                day: notice.day,
                kind: notice.kind,
                reason: reason.clone(),
                note: notice.note,
                channel: Channel::Mail,
                inbound_mail_id: Some(mail.inbound_mail_id),
            },
        )?;
        let text = mails::received(&child.short_name, &day_label(notice.day), notice.kind.label(), &reason);
        reply(conn, sender, &text)?;
        InboundMail::finish(conn, mail.inbound_mail_id, Disposition::Processed, "absence recorded")?;
        Ok(MailOutcome::Recorded(id))
    })
}

/// Answers a guardian's mail.
fn reply(conn: &mut DbConnection, to: &str, text: &MailText) -> QueryResult<()> {
    OutboxMail::queue(conn, MailKind::AbsenceReply, to, &text.subject, &text.body).map(drop)
}

/// Answers a stranger, within the daily limit.
fn refuse(conn: &mut DbConnection, to: &str, text: &MailText) -> QueryResult<()> {
    let since = now() - chrono::Duration::days(1);
    if OutboxMail::count_since(conn, to, Some(MailKind::AbsenceReply), since)? < REFUSALS_PER_DAY {
        reply(conn, to, text)?;
    }
    Ok(())
}
