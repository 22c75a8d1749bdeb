//! A 提供会員 (`supporters`, `supporter_areas`, `supporter_weekly`, `supporter_days`): what she
//! offers, her availability, and the coordinators' vetting.

use crate::db::schema::{supporter_areas, supporter_days, supporter_weekly, supporters};
use crate::db::{now, DbConnection};
use crate::domain::support::availability::{Availability, Band};
use crate::domain::support::candidate::{InsurancePeriod, Vetting};
use crate::domain::support::ids::AreaId;
use crate::domain::support::skill::{Skill, Skills};
use chrono::{NaiveDate, NaiveDateTime, Weekday};
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = supporters)]
pub struct Supporter {
    pub member_id: i64,
    pub home_area_id: i64,
    skills: i32,
    pub monthly_limit: i32,
    /// False while she pauses (休止中).
    pub active: bool,
    pub course_completed_on: Option<NaiveDate>,
    pub interviewed_on: Option<NaiveDate>,
    pub insurance_from: Option<NaiveDate>,
    pub insurance_until: Option<NaiveDate>,
    pub vetting_note: String,
    pub updated_at: NaiveDateTime,
}

/// What she sets herself.
#[derive(Debug, Clone)]
pub struct Offering<'a> {
    pub home_area: AreaId,
    pub areas: &'a [AreaId],
    pub skills: Skills,
    pub monthly_limit: u32,
    pub active: bool,
}

/// What coordinators record.
#[derive(Debug, Clone, Default)]
pub struct VettingRecord<'a> {
    pub course_completed_on: Option<NaiveDate>,
    pub interviewed_on: Option<NaiveDate>,
    pub insurance: Option<InsurancePeriod>,
    pub note: &'a str,
}

impl Supporter {
    pub fn skills(&self) -> Skills {
        Skill::ALL
            .into_iter()
            .filter(|s| self.skills & (1 << *s as i32) != 0)
            .collect()
    }

    pub fn vetting(&self) -> Vetting {
        Vetting {
            course_completed: self.course_completed_on,
            interviewed: self.interviewed_on.is_some(),
            insurance: match (self.insurance_from, self.insurance_until) {
                (Some(from), Some(until)) => InsurancePeriod::new(from, until).ok(),
                _ => None,
            },
        }
    }

    pub fn find(conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<Supporter>> {
        supporters::table
            .find(member_id)
            .select(Supporter::as_select())
            .first(conn)
            .optional()
    }

    /// Every supporter, by id (the coordinators' list; the ranking's candidates).
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Supporter>> {
        supporters::table
            .order(supporters::member_id)
            .select(Supporter::as_select())
            .load(conn)
    }

    /// Writes what she offers (her row is made on first save; vetting starts empty).
    pub fn save_offering(conn: &mut DbConnection, member_id: i64, offering: &Offering<'_>) -> QueryResult<()> {
        let bits = offering.skills.iter().fold(0i32, |acc, s| acc | (1 << s as i32));
        let limit = i32::try_from(offering.monthly_limit).unwrap_or(i32::MAX);
        let values = (
            supporters::home_area_id.eq(offering.home_area.0),
            supporters::skills.eq(bits),
            supporters::monthly_limit.eq(limit),
            supporters::active.eq(offering.active),
            supporters::updated_at.eq(now()),
        );
        let updated = diesel::update(supporters::table.find(member_id))
            .set(values)
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(supporters::table)
                .values((supporters::member_id.eq(member_id), values))
                .execute(conn)?;
        }
        diesel::delete(supporter_areas::table.filter(supporter_areas::member_id.eq(member_id))).execute(conn)?;
        for area in offering.areas {
            diesel::insert_into(supporter_areas::table)
                .values((
                    supporter_areas::member_id.eq(member_id),
                    supporter_areas::area_id.eq(area.0),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// Pauses or resumes her (by herself or a coordinator).
    pub fn set_active(conn: &mut DbConnection, member_id: i64, active: bool) -> QueryResult<bool> {
        diesel::update(supporters::table.find(member_id))
            .set((supporters::active.eq(active), supporters::updated_at.eq(now())))
            .execute(conn)
            .map(|n| n == 1)
    }

    /// Records the coordinators' vetting.
    pub fn save_vetting(conn: &mut DbConnection, member_id: i64, vetting: &VettingRecord<'_>) -> QueryResult<bool> {
        diesel::update(supporters::table.find(member_id))
            .set((
                supporters::course_completed_on.eq(vetting.course_completed_on),
                supporters::interviewed_on.eq(vetting.interviewed_on),
                supporters::insurance_from.eq(vetting.insurance.map(|p| p.from())),
                supporters::insurance_until.eq(vetting.insurance.map(|p| p.until())),
                supporters::vetting_note.eq(vetting.note),
                supporters::updated_at.eq(now()),
            ))
            .execute(conn)
            .map(|n| n == 1)
    }

    /// The areas she covers.
    pub fn areas(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<AreaId>> {
        supporter_areas::table
            .filter(supporter_areas::member_id.eq(member_id))
            .order(supporter_areas::area_id)
            .select(supporter_areas::area_id)
            .load::<i64>(conn)
            .map(|ids| ids.into_iter().map(AreaId).collect())
    }

    /// Every supporter's areas at once (the ranking reads thousands).
    pub fn all_areas(conn: &mut DbConnection) -> QueryResult<HashMap<i64, Vec<AreaId>>> {
        let rows: Vec<(i64, i64)> = supporter_areas::table
            .select((supporter_areas::member_id, supporter_areas::area_id))
            .load(conn)?;
        let mut map: HashMap<i64, Vec<AreaId>> = HashMap::new();
        for (member, area) in rows {
            map.entry(member).or_default().push(AreaId(area));
        }
        Ok(map)
    }

    /// Replaces her weekly bands: (weekday, band) pairs.
    pub fn save_weekly(conn: &mut DbConnection, member_id: i64, bands: &[(Weekday, Band)]) -> QueryResult<()> {
        diesel::delete(supporter_weekly::table.filter(supporter_weekly::member_id.eq(member_id))).execute(conn)?;
        for (day, band) in bands {
            let (from, until) = band.minutes();
            diesel::insert_into(supporter_weekly::table)
                .values((
                    supporter_weekly::member_id.eq(member_id),
                    supporter_weekly::weekday.eq(day.num_days_from_monday() as i32),
                    supporter_weekly::from_minute.eq(from as i32),
                    supporter_weekly::until_minute.eq(until as i32),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// Replaces one date's exception: `None` removes it (the weekday's bands hold again), an empty
    /// list makes it a day off, bands replace the weekday's.
    pub fn save_day(
        conn: &mut DbConnection,
        member_id: i64,
        day: NaiveDate,
        bands: Option<&[Band]>,
    ) -> QueryResult<()> {
        diesel::delete(
            supporter_days::table
                .filter(supporter_days::member_id.eq(member_id))
                .filter(supporter_days::day.eq(day)),
        )
        .execute(conn)?;
        let Some(bands) = bands else {
            return Ok(());
        };
        let rows: Vec<(Option<i32>, Option<i32>)> = if bands.is_empty() {
            vec![(None, None)]
        } else {
            bands
                .iter()
                .map(|b| (Some(b.minutes().0 as i32), Some(b.minutes().1 as i32)))
                .collect()
        };
        for (from, until) in rows {
            diesel::insert_into(supporter_days::table)
                .values((
                    supporter_days::member_id.eq(member_id),
                    supporter_days::day.eq(day),
                    supporter_days::from_minute.eq(from),
                    supporter_days::until_minute.eq(until),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// Her weekly bands as stored, by weekday then time (her form shows them).
    pub fn weekly_bands(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<(Weekday, Band)>> {
        let rows: Vec<(i32, i32, i32)> = supporter_weekly::table
            .filter(supporter_weekly::member_id.eq(member_id))
            .order((supporter_weekly::weekday, supporter_weekly::from_minute))
            .select((
                supporter_weekly::weekday,
                supporter_weekly::from_minute,
                supporter_weekly::until_minute,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter_map(|(day, from, until)| Some((weekday_of(day), Band::from_minutes(from, until).ok()?)))
            .collect())
    }

    /// Her dated exceptions from `from_day` on, by date: an empty list is a day off.
    pub fn days_from(
        conn: &mut DbConnection,
        member_id: i64,
        from_day: NaiveDate,
    ) -> QueryResult<Vec<(NaiveDate, Vec<Band>)>> {
        let rows: Vec<(NaiveDate, Option<i32>, Option<i32>)> = supporter_days::table
            .filter(supporter_days::member_id.eq(member_id))
            .filter(supporter_days::day.ge(from_day))
            .order((supporter_days::day, supporter_days::from_minute))
            .select((
                supporter_days::day,
                supporter_days::from_minute,
                supporter_days::until_minute,
            ))
            .load(conn)?;
        let mut days: Vec<(NaiveDate, Vec<Band>)> = Vec::new();
        for (day, from, until) in rows {
            if days.last().is_none_or(|(last, _)| *last != day) {
                days.push((day, Vec::new()));
            }
            if let (Some((_, bands)), Some(from), Some(until)) = (days.last_mut(), from, until) {
                bands.extend(Band::from_minutes(from, until).ok());
            }
        }
        Ok(days)
    }

    /// One supporter's availability (exceptions from `from_day` on).
    pub fn availability(conn: &mut DbConnection, member_id: i64, from_day: NaiveDate) -> QueryResult<Availability> {
        let mut all = Supporter::availabilities(conn, Some(member_id), from_day)?;
        Ok(all.remove(&member_id).unwrap_or_default())
    }

    /// Availabilities by supporter (all of them, or one), with exceptions from `from_day` on.
    pub fn availabilities(
        conn: &mut DbConnection,
        only: Option<i64>,
        from_day: NaiveDate,
    ) -> QueryResult<HashMap<i64, Availability>> {
        let mut weekly_query = supporter_weekly::table.into_boxed();
        let mut days_query = supporter_days::table
            .filter(supporter_days::day.ge(from_day))
            .into_boxed();
        if let Some(id) = only {
            weekly_query = weekly_query.filter(supporter_weekly::member_id.eq(id));
            days_query = days_query.filter(supporter_days::member_id.eq(id));
        }
        let weekly: Vec<(i64, i32, i32, i32)> = weekly_query
            .select((
                supporter_weekly::member_id,
                supporter_weekly::weekday,
                supporter_weekly::from_minute,
                supporter_weekly::until_minute,
            ))
            .load(conn)?;
        let days: Vec<(i64, NaiveDate, Option<i32>, Option<i32>)> = days_query
            .select((
                supporter_days::member_id,
                supporter_days::day,
                supporter_days::from_minute,
                supporter_days::until_minute,
            ))
            .load(conn)?;
        let mut weekly_bands: HashMap<(i64, i32), Vec<Band>> = HashMap::new();
        for (member, day, from, until) in weekly {
            if let Ok(band) = Band::from_minutes(from, until) {
                weekly_bands.entry((member, day)).or_default().push(band);
            }
        }
        let mut day_bands: HashMap<(i64, NaiveDate), Vec<Band>> = HashMap::new();
        for (member, day, from, until) in days {
            let entry = day_bands.entry((member, day)).or_default();
            if let (Some(from), Some(until)) = (from, until) {
                if let Ok(band) = Band::from_minutes(from, until) {
                    entry.push(band);
                }
            }
        }
        let mut result: HashMap<i64, Availability> = HashMap::new();
        for ((member, day), bands) in weekly_bands {
            let weekday = weekday_of(day);
            let current = result.remove(&member).unwrap_or_default();
            result.insert(member, current.weekly(weekday, bands));
        }
        for ((member, day), bands) in day_bands {
            let current = result.remove(&member).unwrap_or_default();
            result.insert(member, current.on(day, bands));
        }
        Ok(result)
    }
}

/// Stored weekday (0 = Monday) to chrono's.
fn weekday_of(stored: i32) -> Weekday {
    match stored {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}
