//! Joining a child by 申込コード (typed, from a QR code or a 空メール), approval, and codes.
//!
//! A guardian who joins a child lands in the child's family when the child has one (her own
//! family, if she had another, merges into it); else the child joins the guardian's family, made
//! when she has none. Everything happens in one `write_transaction`, and the rows of the member
//! and the child are locked first, so two guardians joining the same child at once end in one
//! family on PostgreSQL as on SQLite.

use crate::db;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::notebook::code;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::join::{self as requests, FailureScope, JoinRequest};
use crate::db::models::notebook::school_settings::SchoolSettings;
use crate::db::models::notebook::teacher::Class;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::schema::{children, members};
use crate::db::DbConnection;
use crate::domain::notebook::join::JoinCode;
use crate::domain::notebook::JoinStatus;
use crate::domain::role::Role;
use diesel::prelude::*;
use hiroba_views::mail::notebook::families;

/// Where a right code left the guardian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joined {
    /// In the child's family now.
    Joined,
    /// Waiting for the school's approval.
    Pending,
    /// She was in the child's family already.
    Already,
}

/// What a typed code came to.
#[derive(Debug, Clone)]
pub enum CodeOutcome {
    Accepted {
        child: Child,
        joined: Joined,
    },
    /// No child has this code (nothing says whether it ever existed).
    Wrong,
    /// Too many wrong codes in the last hour, from this account or this address.
    Limited,
}

/// Who a wrong code counts against: the member, her client's address (`None` behind a carrier
/// gateway, which thousands of phones share) or a mail's sender.
#[derive(Debug, Clone, Default)]
pub struct Attempt {
    pub member_id: Option<i64>,
    pub client: Option<String>,
    pub mail_from: Option<String>,
}

impl Attempt {
    fn targets(&self) -> Vec<(FailureScope, String)> {
        let mut targets = Vec::new();
        if let Some(member) = self.member_id {
            targets.push((FailureScope::Member, member.to_string()));
        }
        if let Some(client) = &self.client {
            targets.push((FailureScope::Address, client.clone()));
        }
        if let Some(from) = &self.mail_from {
            targets.push((FailureScope::Mail, from.to_ascii_lowercase()));
        }
        targets
    }

    /// Whether any of the attempt's targets used up its wrong codes for the hour.
    pub fn limited(&self, conn: &mut DbConnection, per_hour: u32) -> QueryResult<bool> {
        for (scope, target) in self.targets() {
            if requests::recent_failures(conn, scope, &target)? >= i64::from(per_hour) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Counts a wrong code against every target.
    pub fn record_failure(&self, conn: &mut DbConnection) -> QueryResult<()> {
        for (scope, target) in self.targets() {
            requests::record_failure(conn, scope, &target)?;
        }
        Ok(())
    }
}

/// The child whose code `typed` is, counting a wrong one against `attempt`. Call inside a
/// `write_transaction` (the failure must be kept).
pub fn check_code(
    conn: &mut DbConnection,
    per_hour: u32,
    attempt: &Attempt,
    typed: &str,
) -> QueryResult<Result<Child, CodeOutcome>> {
    if attempt.limited(conn, per_hour)? {
        return Ok(Err(CodeOutcome::Limited));
    }
    let child = match JoinCode::parse(typed) {
        Some(code) => match code::child_of(conn, &code)? {
            Some(id) => Child::find(conn, id)?,
            None => None,
        },
        None => None,
    };
    match child {
        Some(child) => Ok(Ok(child)),
        None => {
            attempt.record_failure(conn)?;
            Ok(Err(CodeOutcome::Wrong))
        }
    }
}

/// A member types a code (on the web: `attempt` names her and her client address). A right code
/// joins her at once, or makes a pending request when the child's school approves joins.
pub fn join_by_code(
    conn: &mut DbConnection,
    per_hour: u32,
    attempt: &Attempt,
    typed: &str,
) -> QueryResult<CodeOutcome> {
    let Some(member_id) = attempt.member_id else {
        return Ok(CodeOutcome::Wrong);
    };
    db::write_transaction(conn, |conn| {
        let child = match check_code(conn, per_hour, attempt, typed)? {
            Ok(child) => child,
            Err(outcome) => return Ok(outcome),
        };
        let joined = request_join(conn, member_id, &child)?;
        Ok(CodeOutcome::Accepted { child, joined })
    })
}

/// A right code's request: joined, pending approval, or already in. Call inside a
/// `write_transaction`.
pub fn request_join(conn: &mut DbConnection, member_id: i64, child: &Child) -> QueryResult<Joined> {
    lock(conn, member_id, child.id)?;
    if in_family(conn, member_id, child.id)? {
        return Ok(Joined::Already);
    }
    if SchoolSettings::of(conn, child.school_id)?.approve_joins {
        JoinRequest::create_pending(conn, member_id, child.id)?;
        return Ok(Joined::Pending);
    }
    join_child(conn, member_id, child.id)?;
    Ok(Joined::Joined)
}

/// Puts a member and a child in one family, and gives her the Guardian role. The web's joins, a
/// teacher's approval and the demo seed all come here. Call inside a `write_transaction`.
pub fn join_child(conn: &mut DbConnection, member_id: i64, child_id: i64) -> QueryResult<()> {
    lock(conn, member_id, child_id)?;
    let own = Family::of_guardian(conn, member_id)?;
    match (Family::of_child(conn, child_id)?, own) {
        (Some(theirs), Some(own)) if theirs.id == own.id => {}
        (Some(theirs), Some(own)) => Family::merge(conn, own.id, theirs.id)?,
        (Some(theirs), None) => Family::add_guardian(conn, theirs.id, member_id)?,
        (None, Some(own)) => Family::add_child(conn, own.id, child_id)?,
        (None, None) => {
            let family = Family::create(conn)?;
            Family::add_guardian(conn, family.id, member_id)?;
            Family::add_child(conn, family.id, child_id)?;
        }
    }
    Member::add_roles(conn, member_id, &[Role::Guardian])
}

/// Whether the member is in the child's family.
fn in_family(conn: &mut DbConnection, member_id: i64, child_id: i64) -> QueryResult<bool> {
    Ok(
        match (Family::of_guardian(conn, member_id)?, Family::of_child(conn, child_id)?) {
            (Some(own), Some(theirs)) => own.id == theirs.id,
            _ => false,
        },
    )
}

/// Takes the row locks of the member and the child (an UPDATE that changes nothing): on
/// PostgreSQL a second transaction joining either waits here, and then reads what the first
/// committed, instead of making a second family. On SQLite `BEGIN IMMEDIATE` serialises already.
fn lock(conn: &mut DbConnection, member_id: i64, child_id: i64) -> QueryResult<()> {
    diesel::update(members::table.find(member_id))
        .set(members::nickname.eq(members::nickname))
        .execute(conn)?;
    diesel::update(children::table.find(child_id))
        .set(children::school_id.eq(children::school_id))
        .execute(conn)
        .map(drop)
}

/// What a teacher's decision came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Done,
    /// Someone decided it first, or it is not a pending request of this school.
    Gone,
}

/// A teacher approves or refuses a pending request of her school; the guardian gets a
/// NotebookJoin mail either way. One write transaction; a request decided twice is decided once.
pub fn decide(
    conn: &mut DbConnection,
    base_url: &str,
    school: &School,
    join_id: i64,
    approve: bool,
    by: i64,
) -> QueryResult<Decision> {
    db::write_transaction(conn, |conn| {
        let Some(request) = JoinRequest::find(conn, join_id)? else {
            return Ok(Decision::Gone);
        };
        let Some(child) = Child::find(conn, request.child_id)?.filter(|c| c.school_id == school.id) else {
            return Ok(Decision::Gone);
        };
        let status = if approve {
            JoinStatus::Approved
        } else {
            JoinStatus::Refused
        };
        if !JoinRequest::decide(conn, join_id, status, by)? {
            return Ok(Decision::Gone);
        }
        let label = child_label(&child);
        let mail = if approve {
            join_child(conn, request.member_id, child.id)?;
            families::join_approved(&school.name, &label, &format!("{base_url}/notebook"))
        } else {
            families::join_refused(&school.name, &label)
        };
        if let Some(address) = MailAddress::reachable_of(conn, request.member_id)? {
            OutboxMail::queue(conn, MailKind::NotebookJoin, &address, &mail.subject, &mail.body)?;
        }
        Ok(Decision::Done)
    })
}

/// 「2年1組 ゆうた」: the class and the name mails use (never the full name).
pub fn child_label(child: &Child) -> String {
    let class = Class {
        grade: child.grade,
        class_name: child.class_name.clone(),
    };
    format!("{} {}", class.label(), child.short_name)
}

/// Gives every child of the school without a 申込コード one (the demo seed and the codes page
/// call this); returns how many got one.
pub fn issue_codes(conn: &mut DbConnection, school_id: i64) -> QueryResult<usize> {
    db::write_transaction(conn, |conn| code::issue_missing(conn, school_id))
}

/// Re-issues one child's code: her old letter's code stops working at once.
pub fn reissue_code(conn: &mut DbConnection, child_id: i64) -> QueryResult<JoinCode> {
    db::write_transaction(conn, |conn| code::issue(conn, child_id))
}
