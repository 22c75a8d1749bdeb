//! 施設: child-care facilities (子育て支援センター, 児童館, 保育園 …) and the members who work there.

use crate::db::schema::{facilities, facility_staff, mail_addresses, members};
use crate::db::DbConnection;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = facilities)]
pub struct Facility {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub address: String,
    pub area_id: Option<i64>,
    pub phone: String,
    pub hours: String,
    pub note: String,
}

/// A member named as staff of a facility, as the coordinators' page lists them.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub member_id: i64,
    pub nickname: String,
    /// The member's primary address (else any), empty if she has none.
    pub address: String,
}

/// A facility as a coordinator enters it (and corrects it).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = facilities)]
pub struct NewFacility {
    pub name: String,
    pub kind: String,
    pub address: String,
    pub area_id: Option<i64>,
    pub phone: String,
    pub hours: String,
    pub note: String,
}

impl Facility {
    /// Facilities in area order, optionally of one area and one kind.
    pub fn list(conn: &mut DbConnection, area: Option<i64>, kind: Option<&str>) -> QueryResult<Vec<Facility>> {
        let mut query = facilities::table
            .select(Facility::as_select())
            .order((facilities::area_id, facilities::kind, facilities::id))
            .into_boxed();
        if let Some(area) = area {
            query = query.filter(facilities::area_id.eq(area));
        }
        if let Some(kind) = kind {
            query = query.filter(facilities::kind.eq(kind.to_string()));
        }
        query.load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Facility> {
        facilities::table.find(id).select(Facility::as_select()).first(conn)
    }

    /// The kinds in use, for the filter.
    pub fn kinds(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
        facilities::table
            .select(facilities::kind)
            .distinct()
            .order(facilities::kind)
            .load(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        facilities::table.count().get_result(conn)
    }

    pub fn insert(conn: &mut DbConnection, new: &NewFacility) -> QueryResult<i64> {
        diesel::insert_into(facilities::table)
            .values(new)
            .returning(facilities::id)
            .get_result(conn)
    }

    /// Makes a member staff of the facility (again: no change).
    pub fn add_staff(conn: &mut DbConnection, facility_id: i64, member_id: i64) -> QueryResult<()> {
        if Facility::is_staff(conn, facility_id, member_id)? {
            return Ok(());
        }
        diesel::insert_into(facility_staff::table)
            .values((
                facility_staff::facility_id.eq(facility_id),
                facility_staff::member_id.eq(member_id),
            ))
            .execute(conn)
            .map(drop)
    }

    pub fn is_staff(conn: &mut DbConnection, facility_id: i64, member_id: i64) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            facility_staff::table
                .filter(facility_staff::facility_id.eq(facility_id))
                .filter(facility_staff::member_id.eq(member_id)),
        ))
        .get_result(conn)
    }

    /// How many staff a facility has, for the coordinators' list.
    pub fn staff_count(conn: &mut DbConnection, facility_id: i64) -> QueryResult<i64> {
        facility_staff::table
            .filter(facility_staff::facility_id.eq(facility_id))
            .count()
            .get_result(conn)
    }

    /// Corrects a facility; the number of rows changed (0: no such facility).
    pub fn update(conn: &mut DbConnection, id: i64, fields: &NewFacility) -> QueryResult<usize> {
        diesel::update(facilities::table.find(id))
            .set((
                facilities::name.eq(&fields.name),
                facilities::kind.eq(&fields.kind),
                facilities::address.eq(&fields.address),
                facilities::area_id.eq(fields.area_id),
                facilities::phone.eq(&fields.phone),
                facilities::hours.eq(&fields.hours),
                facilities::note.eq(&fields.note),
            ))
            .execute(conn)
    }

    /// Deletes a facility. Its care slots and staff rows go with it (`ON DELETE CASCADE` on
    /// both backends): they mean nothing without the facility.
    pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(facilities::table.find(id)).execute(conn)
    }

    /// The facility's staff by nickname, each with one address to tell them apart.
    pub fn staff(conn: &mut DbConnection, facility_id: i64) -> QueryResult<Vec<StaffMember>> {
        let people: Vec<(i64, String)> = facility_staff::table
            .inner_join(members::table)
            .filter(facility_staff::facility_id.eq(facility_id))
            .select((members::id, members::nickname))
            .order((members::nickname, members::id))
            .load(conn)?;
        let mut staff = Vec::with_capacity(people.len());
        for (member_id, nickname) in people {
            let address: Option<String> = mail_addresses::table
                .filter(mail_addresses::member_id.eq(member_id))
                .select(mail_addresses::address)
                .order((mail_addresses::is_primary.desc(), mail_addresses::id))
                .first(conn)
                .optional()?;
            staff.push(StaffMember {
                member_id,
                nickname,
                address: address.unwrap_or_default(),
            });
        }
        Ok(staff)
    }

    /// Takes a member off the facility's staff; the number of rows removed (0: she was not).
    pub fn remove_staff(conn: &mut DbConnection, facility_id: i64, member_id: i64) -> QueryResult<usize> {
        diesel::delete(
            facility_staff::table
                .filter(facility_staff::facility_id.eq(facility_id))
                .filter(facility_staff::member_id.eq(member_id)),
        )
        .execute(conn)
    }
}
