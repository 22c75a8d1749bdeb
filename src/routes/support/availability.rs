//! `/support/availability`: a 提供会員's week as text with one form per weekday, and her dated
//! exceptions (days off or other hours) from today on.

use crate::db;
use crate::db::models::support::supporter::Supporter;
use crate::domain::policy::Action;
use crate::domain::support::availability::Band;
use crate::domain::time::{day_label, parse_day_text, today};
use crate::error::AppError;
use crate::routes::portal::page_number;
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Posted, Visitor};
use crate::routes::support::bands;
use crate::routes::support::enrolled::supporter;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Weekday};
use hiroba_views::pages::support::availability::{
    availability, day_form, day_item, weekday_form, DayForm, DayItem, DayView, WeekdayView,
};

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "月"),
    (Weekday::Tue, "火"),
    (Weekday::Wed, "水"),
    (Weekday::Thu, "木"),
    (Weekday::Fri, "金"),
    (Weekday::Sat, "土"),
    (Weekday::Sun, "日"),
];

/// 「09:00〜12:00、15:00〜18:00」, or 「なし」.
fn bands_text(bands: &[Band]) -> String {
    if bands.is_empty() {
        return "なし".to_string();
    }
    bands.iter().map(Band::to_string).collect::<Vec<_>>().join("、")
}

pub async fn show(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let me = supporter(&visitor, Action::Read).await?;
    render(&visitor, me.member_id, page_number(&query), None).await
}

async fn render(
    visitor: &Visitor,
    member_id: i64,
    page: usize,
    notice: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let (weekly, days) = visitor
        .db(move |conn| {
            Ok((
                Supporter::weekly_bands(conn, member_id)?,
                Supporter::days_from(conn, member_id, today())?,
            ))
        })
        .await?;
    let week = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, (day, name))| {
            let bands: Vec<Band> = weekly.iter().filter(|(d, _)| d == day).map(|(_, b)| *b).collect();
            (i as u8, format!("{name} {}", bands_text(&bands)))
        })
        .collect();
    let ctx = ctx(visitor);
    let items: Vec<_> = days
        .iter()
        .map(|(day, bands)| {
            let what = if bands.is_empty() {
                "終日不可".to_string()
            } else {
                bands_text(bands)
            };
            day_item(
                &ctx,
                &DayItem {
                    day: day.to_string(),
                    text: format!("{} {what}", day_label(*day)),
                },
            )
        })
        .collect();
    let view = hiroba_views::pages::support::availability::AvailabilityView {
        week,
        notice: notice.map(str::to_string),
    };
    Ok(paged_list(visitor, &items, page, |list| {
        availability(&ctx, &view, list)
    }))
}

fn weekday_at(index: u8) -> Result<(Weekday, &'static str), AppError> {
    WEEKDAYS.get(usize::from(index)).copied().ok_or(AppError::NotFound)
}

pub async fn weekday(visitor: Visitor, index: web::Path<u8>) -> Result<HttpResponse, AppError> {
    let me = supporter(&visitor, Action::Read).await?;
    let index = index.into_inner();
    let (day, name) = weekday_at(index)?;
    let member_id = me.member_id;
    let weekly = visitor
        .db(move |conn| Ok(Supporter::weekly_bands(conn, member_id)?))
        .await?;
    let mine: Vec<Band> = weekly.iter().filter(|(d, _)| *d == day).map(|(_, b)| *b).collect();
    let view = WeekdayView {
        weekday: index,
        name: format!("{name}曜日"),
        form: bands::form_of(&mine),
        error: None,
    };
    Ok(ok(&visitor, &weekday_form(&ctx(&visitor), &view)))
}

pub async fn save_weekday(posted: Posted, index: web::Path<u8>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = supporter(&visitor, Action::Update).await?;
    let index = index.into_inner();
    let (day, name) = weekday_at(index)?;
    let typed = bands::typed(&form);
    let chosen = match bands::parse(&typed) {
        Ok(chosen) => chosen,
        Err(error) => {
            let view = WeekdayView {
                weekday: index,
                name: format!("{name}曜日"),
                form: typed,
                error: Some(error),
            };
            return Ok(ok(&visitor, &weekday_form(&ctx(&visitor), &view)));
        }
    };
    let member_id = me.member_id;
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let mut weekly = Supporter::weekly_bands(conn, member_id)?;
                weekly.retain(|(d, _)| *d != day);
                weekly.extend(chosen.iter().map(|b| (day, *b)));
                Supporter::save_weekly(conn, member_id, &weekly)
            })?;
            Ok(())
        })
        .await?;
    render(
        &visitor,
        member_id,
        1,
        Some(&format!("{name}曜日の予定を保存しました。")),
    )
    .await
}

pub async fn new_day(visitor: Visitor) -> Result<HttpResponse, AppError> {
    supporter(&visitor, Action::Read).await?;
    let view = DayView {
        form: DayForm::default(),
        error: None,
    };
    Ok(ok(&visitor, &day_form(&ctx(&visitor), &view)))
}

pub async fn save_day(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = supporter(&visitor, Action::Update).await?;
    let typed = DayForm {
        day: form.get("day").unwrap_or_default().to_string(),
        off: form.get("off") == Some("1"),
        bands: bands::typed(&form),
    };
    let parsed = parse_day(&typed);
    let (day, chosen) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let view = DayView {
                form: typed,
                error: Some(error),
            };
            return Ok(ok(&visitor, &day_form(&ctx(&visitor), &view)));
        }
    };
    let member_id = me.member_id;
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| Supporter::save_day(conn, member_id, day, Some(&chosen)))?;
            Ok(())
        })
        .await?;
    let notice = format!("{}の予定を保存しました。", day_label(day));
    render(&visitor, member_id, 1, Some(&notice)).await
}

/// The date (today or later) and its bands; empty bands for 終日不可.
fn parse_day(typed: &DayForm) -> Result<(NaiveDate, Vec<Band>), String> {
    let day = parse_day_text(&typed.day).ok_or("日付を「2026-12-24」のように入力してください。")?;
    if day < today() {
        return Err("過ぎた日付は登録できません。".into());
    }
    let chosen = bands::parse(&typed.bands)?;
    match (typed.off, chosen.is_empty()) {
        (true, true) => Ok((day, Vec::new())),
        (true, false) => Err("「終日不可」にするときは、時間を選ばないでください。".into()),
        (false, true) => Err("「終日不可」にするか、活動できる時間を選んでください。".into()),
        (false, false) => Ok((day, chosen)),
    }
}

pub async fn remove_day(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = supporter(&visitor, Action::Update).await?;
    let day = form.get("day").and_then(parse_day_text).ok_or(AppError::NotFound)?;
    let member_id = me.member_id;
    visitor
        .db(move |conn| Ok(Supporter::save_day(conn, member_id, day, None)?))
        .await?;
    let notice = format!("{}の予定を取り消しました。", day_label(day));
    render(&visitor, member_id, 1, Some(&notice)).await
}
