//! Kilometres between areas (`area_distances`), as the coordinators enter them.

use crate::db::schema::area_distances;
use crate::db::DbConnection;
use crate::domain::support::distance::AreaDistances;
use crate::domain::support::ids::AreaId;
use diesel::prelude::*;

pub struct AreaDistance;

impl AreaDistance {
    /// The whole table (a city has a few dozen areas: hundreds of rows at most).
    pub fn all(conn: &mut DbConnection) -> QueryResult<AreaDistances> {
        let rows: Vec<(i64, i64, f64)> = area_distances::table
            .select((area_distances::area_a, area_distances::area_b, area_distances::km))
            .load(conn)?;
        let mut table = AreaDistances::new();
        for (a, b, km) in rows {
            // The table's CHECK keeps km non-negative; a bad row is skipped, not fatal.
            let _ = table.insert(AreaId(a), AreaId(b), km);
        }
        Ok(table)
    }

    /// Every entered pair (lower id first) with its km, in the order of the areas' ids.
    pub fn rows(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i64, f64)>> {
        area_distances::table
            .order((area_distances::area_a, area_distances::area_b))
            .select((area_distances::area_a, area_distances::area_b, area_distances::km))
            .load(conn)
    }

    /// Sets the distance between two different areas.
    pub fn set(conn: &mut DbConnection, a: i64, b: i64, km: f64) -> QueryResult<()> {
        let (a, b) = (a.min(b), a.max(b));
        let updated = diesel::update(area_distances::table.find((a, b)))
            .set(area_distances::km.eq(km))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(area_distances::table)
                .values((
                    area_distances::area_a.eq(a),
                    area_distances::area_b.eq(b),
                    area_distances::km.eq(km),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}
