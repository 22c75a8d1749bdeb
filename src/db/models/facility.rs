//! 施設: child-care facilities (子育て支援センター, 児童館, 保育園 …) and the members who work there.

use crate::db::schema::{facilities, facility_staff};
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

/// A facility as a coordinator enters it.
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
}
