//! コミュニティエリア: the city's community areas members belong to.

use crate::db::schema::areas;
use crate::db::DbConnection;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: i64,
    pub name: String,
}

impl Area {
    /// All areas in the configured order.
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Area>> {
        areas::table
            .select(Area::as_select())
            .order((areas::position, areas::id))
            .load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Area>> {
        areas::table.find(id).select(Area::as_select()).first(conn).optional()
    }

    /// Adds configured areas that are missing and sets the order; areas are never deleted,
    /// because members refer to them.
    pub fn sync(conn: &mut DbConnection, names: &[String]) -> QueryResult<usize> {
        conn.transaction(|conn| {
            let mut added = 0;
            for (position, name) in names.iter().enumerate() {
                let position = i32::try_from(position).unwrap_or(i32::MAX);
                let updated = diesel::update(areas::table.filter(areas::name.eq(name)))
                    .set(areas::position.eq(position))
                    .execute(conn)?;
                if updated == 0 {
                    diesel::insert_into(areas::table)
                        .values((areas::name.eq(name), areas::position.eq(position)))
                        .execute(conn)?;
                    added += 1;
                }
            }
            Ok(added)
        })
    }
}
