//! A member's mail addresses: one primary, each with its carrier, verification and delivery health.

use crate::db::schema::{mail_addresses, member_roles};
use crate::db::{now, DbConnection};
use crate::domain::role::Role;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// How long a confirmation link stays valid.
pub const CONFIRMATION_LIFETIME: Duration = Duration::hours(24);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = mail_addresses)]
pub struct MailAddress {
    pub id: i64,
    pub member_id: i64,
    pub address: String,
    /// The device profile id the domain belongs to (docomo, au, softbank, willcom, smartphone, pc).
    pub carrier: String,
    pub is_primary: bool,
    pub verified_at: Option<NaiveDateTime>,
    /// ok, unknown_user (5.1.1: mail stopped) or filtered (5.2.x: 指定受信).
    pub health: String,
    pub confirm_expires_at: Option<NaiveDateTime>,
}

/// Whether mail reaches an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Ok,
    /// 5.1.1: the address no longer exists; nothing more is sent to it.
    UnknownUser,
    /// 5.2.x or a carrier's filter refused our mail: the member must allow our domain (指定受信).
    Filtered,
}

impl Health {
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Ok => "ok",
            Health::UnknownUser => "unknown_user",
            Health::Filtered => "filtered",
        }
    }
}

/// What a confirmation link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    Confirmed { member_id: i64, address: String },
    Expired,
    Unknown,
}

impl MailAddress {
    pub fn is_verified(&self) -> bool {
        self.verified_at.is_some()
    }

    pub fn find(conn: &mut DbConnection, address: &str) -> QueryResult<Option<MailAddress>> {
        mail_addresses::table
            .filter(mail_addresses::address.eq(address))
            .select(MailAddress::as_select())
            .first(conn)
            .optional()
    }

    /// The member's addresses, primary first.
    pub fn of_member(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<MailAddress>> {
        mail_addresses::table
            .filter(mail_addresses::member_id.eq(member_id))
            .select(MailAddress::as_select())
            .order((mail_addresses::is_primary.desc(), mail_addresses::id))
            .load(conn)
    }

    /// The member's confirmed addresses: what links a guardian to her children's pass mails.
    pub fn verified_of_member(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<String>> {
        mail_addresses::table
            .filter(mail_addresses::member_id.eq(member_id))
            .filter(mail_addresses::verified_at.is_not_null())
            .select(mail_addresses::address)
            .order(mail_addresses::id)
            .load(conn)
    }

    /// The address each member of `role` reads mail at: her primary address if confirmed, else
    /// her first confirmed one (the centre's alerts go to every coordinator).
    pub fn of_role(conn: &mut DbConnection, role: Role) -> QueryResult<Vec<String>> {
        let rows: Vec<(i64, String)> = mail_addresses::table
            .inner_join(member_roles::table.on(member_roles::member_id.eq(mail_addresses::member_id)))
            .filter(member_roles::role.eq(role.as_str()))
            .filter(mail_addresses::verified_at.is_not_null())
            .order((
                mail_addresses::member_id,
                mail_addresses::is_primary.desc(),
                mail_addresses::id,
            ))
            .select((mail_addresses::member_id, mail_addresses::address))
            .load(conn)?;
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .filter(|(member, _)| seen.insert(*member))
            .map(|(_, address)| address)
            .collect())
    }

    /// The address each of these members takes mail at: her primary address if confirmed and
    /// healthy, else her first confirmed healthy one (members with none are not in the map).
    pub fn reachable_of_members(
        conn: &mut DbConnection,
        member_ids: &[i64],
    ) -> QueryResult<std::collections::HashMap<i64, String>> {
        let rows: Vec<(i64, String)> = mail_addresses::table
            .filter(mail_addresses::member_id.eq_any(member_ids))
            .filter(mail_addresses::verified_at.is_not_null())
            .filter(mail_addresses::health.eq(Health::Ok.as_str()))
            .order((
                mail_addresses::member_id,
                mail_addresses::is_primary.desc(),
                mail_addresses::id,
            ))
            .select((mail_addresses::member_id, mail_addresses::address))
            .load(conn)?;
        let mut found = std::collections::HashMap::new();
        for (member, address) in rows {
            found.entry(member).or_insert(address);
        }
        Ok(found)
    }

    /// The address one member takes mail at (`reachable_of_members`).
    pub fn reachable_of(conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<String>> {
        Ok(MailAddress::reachable_of_members(conn, &[member_id])?.remove(&member_id))
    }

    /// Adds an address. Unverified ones carry the hash of their confirmation token.
    pub fn insert(
        conn: &mut DbConnection,
        member_id: i64,
        address: &str,
        carrier: &str,
        is_primary: bool,
        confirm_token_hash: Option<&str>,
    ) -> QueryResult<i64> {
        let at = now();
        let (verified_at, expires) = match confirm_token_hash {
            Some(_) => (None, Some(at + CONFIRMATION_LIFETIME)),
            None => (Some(at), None),
        };
        diesel::insert_into(mail_addresses::table)
            .values((
                mail_addresses::member_id.eq(member_id),
                mail_addresses::address.eq(address),
                mail_addresses::carrier.eq(carrier),
                mail_addresses::is_primary.eq(is_primary),
                mail_addresses::verified_at.eq(verified_at),
                mail_addresses::confirm_token_hash.eq(confirm_token_hash),
                mail_addresses::confirm_expires_at.eq(expires),
                mail_addresses::created_at.eq(at),
            ))
            .returning(mail_addresses::id)
            .get_result(conn)
    }

    /// An unconfirmed address whose link still works: it stays with the member who added it, so
    /// no one else can take it over (or be handed it) while its owner may still open the link.
    pub fn link_is_live(&self) -> bool {
        !self.is_verified() && self.confirm_expires_at.is_some_and(|until| until >= now())
    }

    /// The unconfirmed address a confirmation link names, live or expired (None: unknown or used).
    pub fn by_confirm_token(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<MailAddress>> {
        mail_addresses::table
            .filter(mail_addresses::confirm_token_hash.eq(token_hash))
            .filter(mail_addresses::verified_at.is_null())
            .select(MailAddress::as_select())
            .first(conn)
            .optional()
    }

    /// Marks the address of this link as verified, only for `member_id`, the member who added it:
    /// whoever else presents the link (the address's real owner tricked into opening it) confirms
    /// nothing. The token works once.
    pub fn confirm(conn: &mut DbConnection, token_hash: &str, member_id: i64) -> QueryResult<Confirmation> {
        let Some(row) = MailAddress::by_confirm_token(conn, token_hash)?.filter(|r| r.member_id == member_id) else {
            return Ok(Confirmation::Unknown);
        };
        let at = now();
        if !row.link_is_live() {
            return Ok(Confirmation::Expired);
        }
        diesel::update(mail_addresses::table.find(row.id))
            .set((
                mail_addresses::verified_at.eq(Some(at)),
                mail_addresses::confirm_token_hash.eq(None::<String>),
                mail_addresses::confirm_expires_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        Ok(Confirmation::Confirmed {
            member_id: row.member_id,
            address: row.address,
        })
    }

    /// Makes one verified address of the member the primary one.
    pub fn make_primary(conn: &mut DbConnection, member_id: i64, id: i64) -> QueryResult<bool> {
        conn.transaction(|conn| {
            let target = mail_addresses::table
                .find(id)
                .filter(mail_addresses::member_id.eq(member_id))
                .filter(mail_addresses::verified_at.is_not_null());
            if diesel::update(target)
                .set(mail_addresses::is_primary.eq(true))
                .execute(conn)?
                == 0
            {
                return Ok(false);
            }
            diesel::update(
                mail_addresses::table
                    .filter(mail_addresses::member_id.eq(member_id))
                    .filter(mail_addresses::id.ne(id)),
            )
            .set(mail_addresses::is_primary.eq(false))
            .execute(conn)?;
            Ok(true)
        })
    }

    /// Removes a non-primary address of the member.
    pub fn remove(conn: &mut DbConnection, member_id: i64, id: i64) -> QueryResult<bool> {
        let removed = diesel::delete(
            mail_addresses::table
                .find(id)
                .filter(mail_addresses::member_id.eq(member_id))
                .filter(mail_addresses::is_primary.eq(false)),
        )
        .execute(conn)?;
        Ok(removed == 1)
    }

    /// Records what a bounce or a successful test said about an address.
    pub fn set_health(conn: &mut DbConnection, address: &str, health: Health) -> QueryResult<usize> {
        diesel::update(mail_addresses::table.filter(mail_addresses::address.eq(address)))
            .set((
                mail_addresses::health.eq(health.as_str()),
                mail_addresses::health_changed_at.eq(now()),
            ))
            .execute(conn)
    }
}
