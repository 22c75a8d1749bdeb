//! Password login with limits per typed address and per client address.

use crate::db::models::login_limit::{self, Scope};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::DbConnection;
use crate::domain::role::MemberStatus;
use chrono::NaiveDateTime;
use diesel::QueryResult;
use std::net::{IpAddr, Ipv6Addr};

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

/// A login between its two database steps: the password is checked in between, on the password
/// threads (`auth::hashing`), holding no connection.
pub enum Attempt {
    /// Too many failures: no password is checked until this time (UTC).
    Locked { until: NaiveDateTime },
    /// Check the password (None: nobody has this address; check against nothing).
    Check { found: Option<Account> },
}

/// The member a typed address belongs to, as much as a login needs.
pub struct Account {
    member_id: i64,
    password_hash: String,
    suspended: bool,
    verified: bool,
}

impl Attempt {
    /// The hash to check the typed password against.
    pub fn stored_hash(&self) -> Option<String> {
        match self {
            Attempt::Check { found: Some(account) } => Some(account.password_hash.clone()),
            _ => None,
        }
    }
}

/// The first step of a login: the locks, then who the typed address belongs to. `account` is the
/// address as typed (lower-cased), so a lock works the same for addresses that belong to nobody.
/// `client` is the source to limit (`client_key`), or None for a carrier gateway: thousands of
/// phones share one, and a lock there would shut out a whole carrier's members (their accounts
/// are still limited one by one).
pub fn begin(conn: &mut DbConnection, account: &str, client: Option<&str>) -> QueryResult<Attempt> {
    let locks = [
        login_limit::locked_until(conn, Scope::Account, account)?,
        match client {
            Some(client) => login_limit::locked_until(conn, Scope::Address, client)?,
            None => None,
        },
    ];
    if let Some(until) = locks.into_iter().flatten().max() {
        return Ok(Attempt::Locked { until });
    }
    let found = match MailAddress::find(conn, account)? {
        Some(address) => {
            let member = Member::find(conn, address.member_id)?;
            Some(Account {
                member_id: member.id,
                suspended: member.status() == MemberStatus::Suspended,
                verified: address.is_verified(),
                password_hash: member.password_hash,
            })
        }
        None => None,
    };
    Ok(Attempt::Check { found })
}

/// The second step: counts a failure or clears the account's, and says what the attempt came to.
pub fn finish(
    conn: &mut DbConnection,
    account: &str,
    client: Option<&str>,
    attempt: Attempt,
    matches: bool,
) -> QueryResult<LoginOutcome> {
    let found = match attempt {
        Attempt::Locked { until } => return Ok(LoginOutcome::Locked { until }),
        Attempt::Check { found } => found,
    };
    let (Some(found), true) = (found, matches) else {
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
    Ok(if found.suspended {
        LoginOutcome::Suspended
    } else if !found.verified {
        LoginOutcome::Unconfirmed
    } else {
        LoginOutcome::Success {
            member_id: found.member_id,
        }
    })
}

/// What the per-address limit counts under: the address itself for IPv4, its /64 for IPv6,
/// since one home or phone gets a whole /64 and may pick a new address in it for every try.
pub fn client_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1));
            format!("{network}/64")
        }
    }
}

/// The key the per-member password limit counts under (step-up, confirming an address).
fn member_key(member_id: i64) -> String {
    format!("member:{member_id}")
}

/// The password of a known member once more (`/reauth`, an address confirmation opened without a
/// session), first step: her stored hash, or `Err(until)` while the per-member limit is locked.
pub fn member_hash(conn: &mut DbConnection, member_id: i64) -> QueryResult<Result<String, NaiveDateTime>> {
    if let Some(until) = login_limit::locked_until(conn, Scope::Account, &member_key(member_id))? {
        return Ok(Err(until));
    }
    Ok(Ok(Member::find(conn, member_id)?.password_hash))
}

/// Second step: `Ok(true)` when right, `Err(until)` when this failure locked the limit. Ten wrong
/// passwords within the window lock it, as on the login form.
pub fn settle_member_password(
    conn: &mut DbConnection,
    member_id: i64,
    matches: bool,
) -> QueryResult<Result<bool, NaiveDateTime>> {
    let account = member_key(member_id);
    if matches {
        login_limit::clear(conn, Scope::Account, &account)?;
        return Ok(Ok(true));
    }
    Ok(match login_limit::record_failure(conn, Scope::Account, &account)? {
        Some(until) => Err(until),
        None => Ok(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let other: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        assert_eq!(client_key(one), "2001:db8:1:2::/64");
        assert_eq!(client_key(one), client_key(other));
        assert_ne!(client_key(one), client_key("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(client_key("203.0.113.7".parse().unwrap()), "203.0.113.7");
        // An IPv4 peer seen through an IPv6 socket is still one IPv4 address.
        assert_eq!(client_key("::ffff:203.0.113.7".parse().unwrap()), "203.0.113.7");
    }
}
