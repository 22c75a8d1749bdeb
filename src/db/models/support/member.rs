//! Taking part in 送迎・あずかり支援 (`support_members`): 依頼会員, 提供会員 or both, with the phone
//! and address the other side of a match is told.

use crate::db::models::member::Member;
use crate::db::schema::{members, support_members};
use crate::db::{now, DbConnection};
use crate::domain::role::Role;
use crate::domain::support::status::Membership;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = support_members)]
pub struct SupportMember {
    pub member_id: i64,
    asks: bool,
    helps: bool,
    pub phone: String,
    pub address: String,
    pub created_at: NaiveDateTime,
}

/// An enrolled member as the coordinators' lists name her.
#[derive(Debug, Clone)]
pub struct Enrolled {
    pub member_id: i64,
    pub real_name: String,
    pub membership: Membership,
}

impl SupportMember {
    pub fn membership(&self) -> Membership {
        Membership::from_flags(self.asks, self.helps).unwrap_or(Membership::Asks)
    }

    pub fn find(conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<SupportMember>> {
        support_members::table
            .find(member_id)
            .select(SupportMember::as_select())
            .first(conn)
            .optional()
    }

    /// Enrols the member, or changes how she takes part and her contact details. A 提供会員 gets
    /// the supporter role (her `supporters` row is written by `Supporter::create`); a 依頼会員 the
    /// guardian role. Roles are never taken away here: other services use them too.
    pub fn save(
        conn: &mut DbConnection,
        member_id: i64,
        membership: Membership,
        phone: &str,
        address: &str,
    ) -> QueryResult<()> {
        let values = (
            support_members::asks.eq(membership.asks()),
            support_members::helps.eq(membership.helps()),
            support_members::phone.eq(phone),
            support_members::address.eq(address),
        );
        let updated = diesel::update(support_members::table.find(member_id))
            .set(values)
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(support_members::table)
                .values((
                    support_members::member_id.eq(member_id),
                    values,
                    support_members::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
        let roles: Vec<Role> = [
            (membership.asks(), Role::Guardian),
            (membership.helps(), Role::Supporter),
        ]
        .into_iter()
        .filter_map(|(yes, role)| yes.then_some(role))
        .collect();
        Member::add_roles(conn, member_id, &roles)
    }

    /// Every enrolled member with her real name, by name (the coordinators' lists and selects).
    pub fn directory(conn: &mut DbConnection) -> QueryResult<Vec<Enrolled>> {
        support_members::table
            .inner_join(members::table)
            .order((members::real_name, members::id))
            .select((
                support_members::member_id,
                members::real_name,
                support_members::asks,
                support_members::helps,
            ))
            .load::<(i64, String, bool, bool)>(conn)
            .map(|rows| {
                rows.into_iter()
                    .map(|(member_id, real_name, asks, helps)| Enrolled {
                        member_id,
                        real_name,
                        membership: Membership::from_flags(asks, helps).unwrap_or(Membership::Asks),
                    })
                    .collect()
            })
    }

    /// How many members ask, help, or both (the city's report counts them).
    pub fn counts(conn: &mut DbConnection) -> QueryResult<(i64, i64, i64)> {
        let rows: Vec<(bool, bool)> = support_members::table
            .select((support_members::asks, support_members::helps))
            .load(conn)?;
        let count = |want: Membership| {
            rows.iter()
                .filter(|(a, h)| Membership::from_flags(*a, *h) == Some(want))
                .count() as i64
        };
        Ok((
            count(Membership::Asks),
            count(Membership::Helps),
            count(Membership::Both),
        ))
    }
}
