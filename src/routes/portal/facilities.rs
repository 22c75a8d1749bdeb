//! `/facilities` (by area and kind) and `/facilities/{id}` with the next 7 days' vacancies.

use crate::db::models::area::Area;
use crate::db::models::care_slot::{CareSlot, Period};
use crate::db::models::facility::Facility;
use crate::domain::policy::{every_facility, Action, Resource};
use crate::domain::time::{day_label, today};
use crate::error::AppError;
use crate::routes::areas::{area_choices, area_name};
use crate::routes::portal::{area_filter, page_number, query_value};
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use chrono::Duration;
use hiroba_views::pages::portal::facilities::{
    facilities_page, facility_item, facility_page, FacilitiesView, FacilityItem, FacilityView, SlotDay,
};

/// How many days of vacancies a facility page shows and its staff keep up to date.
pub const SLOT_DAYS: i64 = 7;

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let asked = (
        query.0.get("area").map(str::to_string),
        query.0.get("kind").map(str::to_string),
    );
    let (areas, area, kinds, kind, facilities) = visitor
        .db(move |conn| {
            let (areas, kinds) = (Area::all(conn)?, Facility::kinds(conn)?);
            let area = area_filter(asked.0.as_deref(), &areas);
            let kind = asked.1.filter(|k| kinds.contains(k));
            let facilities = Facility::list(conn, area, kind.as_deref())?;
            Ok((areas, area, kinds, kind, facilities))
        })
        .await?;
    let ctx = ctx(&visitor);
    let items: Vec<_> = facilities
        .iter()
        .map(|f| {
            let area = area_name(&areas, f.area_id).unwrap_or_default();
            let what = if area.is_empty() {
                f.kind.clone()
            } else {
                format!("{}・{area}", f.kind)
            };
            facility_item(
                &ctx,
                &FacilityItem {
                    id: f.id,
                    name: f.name.clone(),
                    what,
                },
            )
        })
        .collect();
    let mut params = Vec::new();
    if let Some(a) = area {
        params.push(format!("area={a}"));
    }
    if let Some(k) = &kind {
        params.push(format!("kind={}", query_value(&visitor, k)));
    }
    let view = FacilitiesView {
        base: if params.is_empty() {
            "/facilities".into()
        } else {
            format!("/facilities?{}", params.join("&"))
        },
        areas: area_choices(&areas, "すべての地域"),
        area: area.map(|a| a.to_string()).unwrap_or_default(),
        kinds: std::iter::once((String::new(), "すべての種類".to_string()))
            .chain(kinds.iter().map(|k| (k.clone(), k.clone())))
            .collect(),
        kind: kind.unwrap_or_default(),
    };
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        facilities_page(&ctx, &view, list)
    }))
}

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let id = id.into_inner();
    let from = today();
    let to = from + Duration::days(SLOT_DAYS - 1);
    let member = visitor.member().map(|m| (m.member_id, every_facility(&m.principal())));
    let (facility, slots, areas, can_update) = visitor
        .db(move |conn| {
            let can_update = match member {
                Some((_, true)) => true,
                Some((member_id, false)) => Facility::is_staff(conn, id, member_id)?,
                None => false,
            };
            Ok((
                Facility::find(conn, id)?,
                CareSlot::of_facility(conn, id, from, to)?,
                Area::all(conn)?,
                can_update,
            ))
        })
        .await?;
    let count = |day, period: Period| {
        slots
            .iter()
            .find(|s| s.day == day && s.period() == Some(period))
            .map(|s| match s.remaining {
                0 => "満員".to_string(),
                n => format!("残り{n}"),
            })
            .unwrap_or_else(|| "－".to_string())
    };
    let view = FacilityView {
        id: facility.id,
        area: area_name(&areas, facility.area_id).unwrap_or_default(),
        tel: facility.phone.chars().filter(char::is_ascii_digit).collect(),
        phone: facility.phone,
        name: facility.name,
        kind: facility.kind,
        address: facility.address,
        hours: facility.hours,
        note: facility.note,
        slots: (0..SLOT_DAYS)
            .map(|i| from + Duration::days(i))
            .map(|day| SlotDay {
                day: day_label(day),
                morning: count(day, Period::Morning),
                afternoon: count(day, Period::Afternoon),
            })
            .collect(),
        can_update,
    };
    Ok(ok(&visitor, &facility_page(&ctx(&visitor), &view)))
}
