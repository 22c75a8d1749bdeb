//! A month's statements: the lines read from the tables, summed by `domain::support::statement`
//! per supporter (月報), per family (請求) and per area (the centre's report), with the names and
//! the member counts the pages and CSVs show.

use crate::db::models::area::Area;
use crate::db::models::support::statement::{Names, StatementRows};
use crate::db::DbConnection;
use crate::domain::support::ids::{AreaId, SupporterId};
use crate::domain::support::statement::{
    acceptance_minutes, by_family, by_supporter, centre, percentile, CentreCounts, Line, Month, Totals,
};
use diesel::QueryResult;
use std::collections::HashMap;

/// One supporter's or family's sums, with her names.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub names: Names,
    pub totals: Totals,
}

/// The centre's month: counts per area (every area, in the configured order) and in all.
#[derive(Debug, Clone)]
pub struct Centre {
    pub areas: Vec<(String, CentreCounts)>,
    pub all: CentreCounts,
    /// 依頼会員, 提供会員, 両方会員 enrolled by the month's end.
    pub members: (i64, i64, i64),
    /// Minutes from request to acceptance: median and 90th percentile.
    pub acceptance_median: Option<i64>,
    pub acceptance_p90: Option<i64>,
}

/// Everything of one month.
#[derive(Debug, Clone)]
pub struct MonthStatement {
    pub month: Month,
    pub lines: Vec<Line>,
    pub supporters: Vec<Person>,
    pub families: Vec<Person>,
    pub centre: Centre,
    /// Every member named on a line.
    pub names: HashMap<i64, Names>,
    /// Area names by id.
    pub area_names: HashMap<i64, String>,
}

impl MonthStatement {
    pub fn build(conn: &mut DbConnection, month: Month) -> QueryResult<MonthStatement> {
        let lines = StatementRows::lines(conn, month.first(), month.last(), None)?;
        let requests = StatementRows::requests(conn, month.first(), month.last())?;
        let names = names_on(conn, &lines)?;
        let person = |id: i64, totals: Totals| Person {
            id,
            names: names.get(&id).cloned().unwrap_or_default(),
            totals,
        };
        let supporters = by_supporter(&lines)
            .into_iter()
            .map(|(id, totals)| person(id.0, totals))
            .collect();
        let families = by_family(&lines)
            .into_iter()
            .map(|(id, totals)| person(id.0, totals))
            .collect();
        let (mut per_area, all) = centre(&requests, &lines);
        let all_areas = Area::all(conn)?;
        let area_names: HashMap<i64, String> = all_areas.iter().map(|a| (a.id, a.name.clone())).collect();
        let mut areas: Vec<(String, CentreCounts)> = all_areas
            .iter()
            .map(|a| (a.name.clone(), per_area.remove(&AreaId(a.id)).unwrap_or_default()))
            .collect();
        // Areas no longer configured still hold old requests.
        areas.extend(
            per_area
                .into_iter()
                .map(|(id, counts)| (format!("地域{}", id.0), counts)),
        );
        let waits = acceptance_minutes(&requests);
        let centre = Centre {
            areas,
            all,
            members: StatementRows::members_before(conn, month.end_utc())?,
            acceptance_median: percentile(&waits, 50),
            acceptance_p90: percentile(&waits, 90),
        };
        Ok(MonthStatement {
            month,
            lines,
            supporters,
            families,
            centre,
            names,
            area_names,
        })
    }

    /// The lines of one supporter (activities and the cancellation fees passed on to her).
    pub fn of_supporter(&self, id: i64) -> Vec<&Line> {
        self.lines
            .iter()
            .filter(|l| l.supporter.is_some_and(|s| s.0 == id))
            .collect()
    }

    /// The lines of one family.
    pub fn of_family(&self, id: i64) -> Vec<&Line> {
        self.lines.iter().filter(|l| l.family.0 == id).collect()
    }

    pub fn name(&self, id: i64) -> Names {
        self.names.get(&id).cloned().unwrap_or_default()
    }
}

/// One supporter's month (her own 月報): her lines, her totals, and the names on them.
#[derive(Debug, Clone)]
pub struct SupporterMonth {
    pub lines: Vec<Line>,
    pub totals: Totals,
    pub names: HashMap<i64, Names>,
}

impl SupporterMonth {
    pub fn build(conn: &mut DbConnection, month: Month, supporter: SupporterId) -> QueryResult<SupporterMonth> {
        let lines = StatementRows::lines(conn, month.first(), month.last(), Some(supporter))?;
        let names = names_on(conn, &lines)?;
        let totals = Totals::of(&lines);
        Ok(SupporterMonth { lines, totals, names })
    }
}

/// The names of everyone on `lines`.
fn names_on(conn: &mut DbConnection, lines: &[Line]) -> QueryResult<HashMap<i64, Names>> {
    let mut ids: Vec<i64> = lines
        .iter()
        .flat_map(|l| [Some(l.family.0), l.supporter.map(|s| s.0)])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    StatementRows::names(conn, &ids)
}
