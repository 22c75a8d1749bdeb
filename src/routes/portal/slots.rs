//! `/facilities/{id}/slots`: facility staff (and coordinators) set the places left for the next
//! 7 days, from any device — a keitai posts the form in Shift_JIS like any other.

use crate::db;
use crate::db::models::care_slot::{CareSlot, Period};
use crate::db::models::facility::Facility;
use crate::domain::policy::{every_facility, Action, Resource};
use crate::domain::time::{day_label, today};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::portal::facilities::SLOT_DAYS;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{web, HttpResponse};
use chrono::{Datelike, Duration, NaiveDate};
use hiroba_views::pages::portal::facilities::{slots_form, SlotField, SlotsFormView};

/// Most places a facility can report for one half-day.
const MAX_PLACES: i32 = 99;

pub async fn form(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    let id = id.into_inner();
    check_staff(&visitor, id).await?;
    render(&visitor, id, None, None).await
}

pub async fn save(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let id = id.into_inner();
    let member_id = check_staff(&visitor, id).await?;
    let from = today();
    let Some(counts) = parse_counts(&form, from) else {
        return render(&visitor, id, None, Some("人数は0〜99の数字で入力してください。")).await;
    };
    // A form opened before midnight and sent after it still names yesterday: say so rather than
    // drop it silently, and save the days still ahead.
    let past = past_days(&form, from);
    let saved = !counts.is_empty();
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                for (day, period, remaining) in &counts {
                    CareSlot::set_remaining(conn, id, *day, *period, *remaining, Some(member_id))?;
                }
                Ok::<_, AppError>(())
            })
        })
        .await?;
    let late = (!past.is_empty()).then(|| {
        let days: Vec<String> = past.iter().map(|d| day_label(*d)).collect();
        format!(
            "{}はもう過ぎた日なので保存しませんでした。{}",
            days.join("・"),
            if saved {
                "ほかの日は保存しました。"
            } else {
                ""
            }
        )
    });
    let notice = (saved || past.is_empty()).then_some("空き状況を更新しました。");
    render(&visitor, id, notice, late.as_deref()).await
}

/// The policy allows members to update care slots; the staff table says whose facility this is.
async fn check_staff(visitor: &Visitor, facility: i64) -> Result<i64, AppError> {
    let member = visitor.require_member(Resource::CareSlots, Action::Update)?;
    let (member_id, everywhere) = (member.member_id, every_facility(&member.principal()));
    let allowed = visitor
        .db(move |conn| {
            Facility::find(conn, facility)?;
            Ok(everywhere || Facility::is_staff(conn, facility, member_id)?)
        })
        .await?;
    if allowed {
        Ok(member_id)
    } else {
        Err(AppError::Forbidden)
    }
}

fn field_name(day: NaiveDate, period: Period) -> String {
    format!("{}{}", day.format("d%m%d"), period.as_str())
}

/// The filled-in fields as (day, period, places left); blank fields are left as they are.
/// None when a field is not a number in range (full-width digits from a keitai count).
fn parse_counts(form: &FormData, from: NaiveDate) -> Option<Vec<(NaiveDate, Period, i32)>> {
    let mut counts = Vec::new();
    for day in (0..SLOT_DAYS).map(|i| from + Duration::days(i)) {
        for period in Period::ALL {
            let text: String = form
                .get(&field_name(day, period))
                .unwrap_or_default()
                .trim()
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                    c => c,
                })
                .collect();
            if text.is_empty() {
                continue;
            }
            let n = text.parse::<i32>().ok().filter(|n| (0..=MAX_PLACES).contains(n))?;
            counts.push((day, period, n));
        }
    }
    Some(counts)
}

/// Days before `today` that the form holds a filled-in count for. Field names carry no year: a
/// field's day is the date of that name nearest to today (12/31 sent on 1/1 is yesterday).
fn past_days(form: &FormData, today: NaiveDate) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = form
        .fields
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .filter_map(|(name, _)| {
            let rest = name.strip_prefix('d')?;
            let month_day = rest.strip_suffix("am").or_else(|| rest.strip_suffix("pm"))?;
            if month_day.len() != 4 || !month_day.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (month, day) = (month_day[..2].parse().ok()?, month_day[2..].parse().ok()?);
            let day = [today.year() - 1, today.year(), today.year() + 1]
                .into_iter()
                .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
                .min_by_key(|d| (*d - today).num_days().abs())?;
            (day < today).then_some(day)
        })
        .collect();
    days.sort();
    days.dedup();
    days
}

async fn render(
    visitor: &Visitor,
    id: i64,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let from = today();
    let to = from + Duration::days(SLOT_DAYS - 1);
    let (facility, slots) = visitor
        .db(move |conn| Ok((Facility::find(conn, id)?, CareSlot::of_facility(conn, id, from, to)?)))
        .await?;
    let fields = (0..SLOT_DAYS)
        .map(|i| from + Duration::days(i))
        .flat_map(|day| Period::ALL.map(|p| (day, p)))
        .map(|(day, period)| SlotField {
            name: field_name(day, period),
            label: format!("{}{}", day_label(day), period.label()),
            value: slots
                .iter()
                .find(|s| s.day == day && s.period() == Some(period))
                .map(|s| s.remaining.to_string())
                .unwrap_or_default(),
        })
        .collect();
    let view = SlotsFormView {
        id,
        name: facility.name,
        fields,
        notice: notice.map(str::to_string),
        error: error.map(str::to_string),
    };
    Ok(ok(visitor, &slots_form(&ctx(visitor), &view)))
}

#[cfg(test)]
mod tests {
    use super::past_days;
    use crate::keitai::form::FormData;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn filled_in_fields_for_days_gone_by_are_found_across_a_new_year() {
        let form = FormData::of(&[
            ("d1231am", "3"),
            ("d1231pm", "2"),
            ("d1230am", ""),
            ("d0101am", "5"),
            ("csrf", "x"),
        ]);
        assert_eq!(past_days(&form, day(2027, 1, 1)), vec![day(2026, 12, 31)]);
        // On New Year's Eve the 1/1 field is tomorrow, not last January.
        assert_eq!(past_days(&form, day(2026, 12, 31)), Vec::<NaiveDate>::new());
    }
}
