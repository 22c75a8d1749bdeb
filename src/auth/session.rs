//! Starting, loading and ending sessions: the id travels in a cookie or, for cookieless phones,
//! as `sid` in every URL; the database keeps only its hash.

use crate::db::models::member::Member;
use crate::db::models::session::SessionRow;
use crate::db::DbConnection;
use crate::domain::policy::{Assurance, Principal};
use crate::domain::role::{MemberStatus, Role};
use crate::domain::token::{looks_like_token, random_token, token_hash};
use chrono::Duration;
use diesel::QueryResult;

/// The cookie that carries the session id where the device keeps cookies.
pub const COOKIE_NAME: &str = "hiroba_sid";
/// The query parameter that carries it everywhere else.
pub const SID_PARAM: &str = "sid";

/// A live session, as the request handlers see it.
#[derive(Debug, Clone)]
pub struct Session {
    /// The id itself: only the visitor's own device ever sees it.
    pub token: String,
    pub csrf: String,
    pub member: Option<SignedIn>,
}

/// The member a session belongs to.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub member_id: i64,
    pub nickname: String,
    pub roles: Vec<Role>,
    pub status: MemberStatus,
    pub assurance: Assurance,
}

impl SignedIn {
    pub fn principal(&self) -> Principal {
        Principal {
            roles: self.roles.clone(),
            status: self.status,
            assurance: self.assurance,
        }
    }
}

/// How a member proved who they are when the session started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginMethod {
    Password,
    SubscriberId,
}

fn assurance_name(login: Option<LoginMethod>) -> &'static str {
    match login {
        None => "anonymous",
        Some(LoginMethod::SubscriberId) => "low",
        Some(LoginMethod::Password) => "high",
    }
}

/// Opens a new session with a fresh id, bound to `profile`. Anonymous sessions carry the CSRF token
/// of the login and registration forms.
pub fn start(
    conn: &mut DbConnection,
    profile: &str,
    member: Option<(i64, LoginMethod)>,
    idle: Duration,
) -> QueryResult<Session> {
    // Sessions nobody uses any more go when new ones come: no separate sweeper needed.
    SessionRow::purge_idle(conn, idle)?;
    let token = random_token();
    let csrf = random_token();
    SessionRow::insert(
        conn,
        &token_hash(&token),
        member.map(|(id, _)| id),
        profile,
        &csrf,
        assurance_name(member.map(|(_, how)| how)),
    )?;
    let member = match member {
        Some((id, _)) => signed_in(conn, id, assurance_name(member.map(|(_, how)| how)))?,
        None => None,
    };
    Ok(Session { token, csrf, member })
}

/// The live session with this id, if it was made on the same profile and has not idled out.
pub fn load(conn: &mut DbConnection, token: &str, profile: &str, idle: Duration) -> QueryResult<Option<Session>> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let Some(row) = SessionRow::find_live(conn, &token_hash(token), idle)? else {
        return Ok(None);
    };
    // A sid copied to another kind of device (a leaked URL, say) is worthless there.
    if row.profile != profile {
        return Ok(None);
    }
    let member = match row.member_id {
        Some(id) => signed_in(conn, id, &row.assurance)?,
        None => None,
    };
    Ok(Some(Session {
        token: token.to_string(),
        csrf: row.csrf_token,
        member,
    }))
}

/// Ends the session.
pub fn end(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    SessionRow::delete(conn, &token_hash(token)).map(drop)
}

/// Marks the session as password-confirmed (step-up after かんたんログイン).
pub fn confirm_password(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    SessionRow::confirm_password(conn, &token_hash(token)).map(drop)
}

fn signed_in(conn: &mut DbConnection, member_id: i64, assurance: &str) -> QueryResult<Option<SignedIn>> {
    let member = match Member::find(conn, member_id) {
        Ok(m) => m,
        Err(diesel::result::Error::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(SignedIn {
        member_id,
        nickname: member.nickname.clone(),
        roles: Member::roles(conn, member_id)?,
        status: member.status(),
        assurance: if assurance == "high" {
            Assurance::High
        } else {
            Assurance::Low
        },
    }))
}
