//! Password login with limits per typed address and per client address.

use crate::auth::password::{verify_against_nothing, verify_password};
use crate::db::models::login_limit::{self, Scope};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::DbConnection;
use crate::domain::role::MemberStatus;
use chrono::NaiveDateTime;
use diesel::QueryResult;

/// What a login attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    Success {
        member_id: i64,
    },
    /// Wrong address or password (never saying which).
    Wrong,
    /// Too many failures: no password is checked until this time (UTC).
    Locked {
        until: NaiveDateTime,
    },
    /// Right password, but the address was never confirmed.
    Unconfirmed,
    Suspended,
}

/// Checks a typed address and password. `account` is the address as typed (lower-cased), so a
/// lock works the same for addresses that belong to nobody. `client` is the source address to
/// limit, or None for a carrier gateway: thousands of phones share one, and a lock there would
/// shut out a whole carrier's members (their accounts are still limited one by one).
pub fn check_password(
    conn: &mut DbConnection,
    account: &str,
    password: &str,
    client: Option<&str>,
) -> QueryResult<LoginOutcome> {
    let locks = [
        login_limit::locked_until(conn, Scope::Account, account)?,
        match client {
            Some(client) => login_limit::locked_until(conn, Scope::Address, client)?,
            None => None,
        },
    ];
    if let Some(until) = locks.into_iter().flatten().max() {
        return Ok(LoginOutcome::Locked { until });
    }
    let address = MailAddress::find(conn, account)?;
    let member = match &address {
        Some(a) => Some(Member::find(conn, a.member_id)?),
        None => None,
    };
    let matches = match &member {
        Some(m) => verify_password(password, &m.password_hash),
        None => {
            verify_against_nothing(password);
            false
        }
    };
    let (Some(address), Some(member), true) = (address, member, matches) else {
        let by_account = login_limit::record_failure(conn, Scope::Account, account)?;
        let by_address = match client {
            Some(client) => login_limit::record_failure(conn, Scope::Address, client)?,
            None => None,
        };
        return Ok(match by_account.max(by_address) {
            Some(until) => LoginOutcome::Locked { until },
            None => LoginOutcome::Wrong,
        });
    };
    login_limit::clear(conn, Scope::Account, account)?;
    Ok(if member.status() == MemberStatus::Suspended {
        LoginOutcome::Suspended
    } else if !address.is_verified() {
        LoginOutcome::Unconfirmed
    } else {
        LoginOutcome::Success { member_id: member.id }
    })
}

/// The key the per-member password limit counts under (step-up, confirming an address).
fn member_key(member_id: i64) -> String {
    format!("member:{member_id}")
}

/// The password of a known member once more (`/reauth`, an address confirmation opened without a
/// session): `Ok(true)` when right, `Err(until)` while the per-member limit is locked. Ten wrong
/// passwords within the window lock it, as on the login form.
pub fn check_member_password(
    conn: &mut DbConnection,
    member_id: i64,
    password: &str,
) -> QueryResult<Result<bool, NaiveDateTime>> {
    let account = member_key(member_id);
    if let Some(until) = login_limit::locked_until(conn, Scope::Account, &account)? {
        return Ok(Err(until));
    }
    let member = Member::find(conn, member_id)?;
    if verify_password(password, &member.password_hash) {
        login_limit::clear(conn, Scope::Account, &account)?;
        return Ok(Ok(true));
    }
    Ok(match login_limit::record_failure(conn, Scope::Account, &account)? {
        Some(until) => Err(until),
        None => Ok(false),
    })
}
