//! Volunteers (見守りボランティア) of a school, mailed when a tag's emergency button is pressed.

use crate::db::schema::emergency_contacts;
use crate::db::DbConnection;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = emergency_contacts)]
pub struct EmergencyContact {
    pub id: i64,
    pub school_id: i64,
    pub name: String,
    pub address: String,
}

impl EmergencyContact {
    pub fn of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<EmergencyContact>> {
        emergency_contacts::table
            .filter(emergency_contacts::school_id.eq(school_id))
            .order(emergency_contacts::id)
            .select(EmergencyContact::as_select())
            .load(conn)
    }

    /// Removes a volunteer of this school; false if there was none with this id.
    pub fn remove(conn: &mut DbConnection, school_id: i64, id: i64) -> QueryResult<bool> {
        diesel::delete(
            emergency_contacts::table
                .filter(emergency_contacts::id.eq(id))
                .filter(emergency_contacts::school_id.eq(school_id)),
        )
        .execute(conn)
        .map(|n| n == 1)
    }

    pub fn add(conn: &mut DbConnection, school_id: i64, name: &str, address: &str) -> QueryResult<()> {
        let known = emergency_contacts::table
            .filter(emergency_contacts::school_id.eq(school_id))
            .filter(emergency_contacts::address.eq(address))
            .count()
            .get_result::<i64>(conn)?;
        if known > 0 {
            return Ok(());
        }
        diesel::insert_into(emergency_contacts::table)
            .values((
                emergency_contacts::school_id.eq(school_id),
                emergency_contacts::name.eq(name),
                emergency_contacts::address.eq(address),
            ))
            .execute(conn)
            .map(drop)
    }
}
