//! `/support/requests/new`: a family asks for 送迎 or あずかり. A bad form comes back with its
//! message and what was typed; a good one is written with its first wave of offers.

use crate::db::models::area::Area;
use crate::db::models::support::child::FamilyChild;
use crate::db::models::support::member::SupportMember;
use crate::db::now;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::asking::AskInput;
use crate::domain::support::describe::age_label;
use crate::domain::time::{day_label, jst, today};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::{ctx, ok, page, redirect, Posted, Visitor};
use crate::support::ask::ask;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use chrono::{Duration, Timelike};
use hiroba_views::pages::errors::error;
use hiroba_views::pages::support::requests::{ask_form, AskValues, AskView, ChildChoice};

/// Days offered in the form's select (today, tomorrow and two weeks more).
const DAYS: i64 = 16;

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::SupportOwn, Action::Create)?.member_id;
    let next = jst(now()).naive_local() + Duration::hours(1);
    let values = AskValues {
        kind: "care".into(),
        care_place: "family_home".into(),
        day: next.date().to_string(),
        start_hour: format!("{:02}", next.hour()),
        start_minute: "00".into(),
        end_hour: format!("{:02}", (next.hour() + 2) % 24),
        end_minute: "00".into(),
        next_day: next.hour() + 2 >= 24,
        ..AskValues::default()
    };
    show(&visitor, member_id, values, &[], None).await
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::SupportOwn, Action::Create)?.member_id;
    let input = input_of(&form);
    let values = values_of(&input);
    let asking = match input.parse(jst(now()).naive_local()) {
        Ok(asking) => asking,
        Err(e) => return show(&visitor, member_id, values, &input.children, Some(e.to_string())).await,
    };
    let ctx = std::sync::Arc::clone(&visitor.state().ctx);
    let asked = visitor.db(move |conn| Ok(ask(&ctx, conn, member_id, &asking)?)).await?;
    match asked {
        Ok(asked) => {
            visitor.state().wakeup.notify();
            Ok(redirect(&visitor, &format!("/support/requests/{}", asked.request_id)))
        }
        Err(refused) => show(&visitor, member_id, values, &input.children, Some(refused.to_string())).await,
    }
}

/// The form, with `chosen` children ticked and `error` above it.
async fn show(
    visitor: &Visitor,
    member_id: i64,
    values: AskValues,
    chosen: &[(String, bool)],
    error_text: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (member, areas, children) = visitor
        .db(move |conn| {
            Ok((
                SupportMember::find(conn, member_id)?,
                Area::all(conn)?,
                FamilyChild::of_family(conn, member_id)?,
            ))
        })
        .await?;
    if !member.is_some_and(|m| m.membership().asks()) {
        let html = error(
            &ctx(visitor),
            "依頼会員の登録",
            "支援をお願いするには、先に依頼会員として登録してください（/support/join）。",
        );
        return Ok(page(visitor, StatusCode::FORBIDDEN, &html));
    }
    let first = today();
    let days = (0..DAYS)
        .map(|n| {
            let day = first + Duration::days(n);
            let prefix = match n {
                0 => "今日 ",
                1 => "明日 ",
                _ => "",
            };
            (day.to_string(), format!("{prefix}{}", day_label(day)))
        })
        .collect();
    let view = AskView {
        error: error_text,
        values,
        areas: areas.into_iter().map(|a| (a.id.to_string(), a.name)).collect(),
        days,
        children: children
            .iter()
            .map(|c| {
                let sent = chosen.iter().find(|(id, _)| *id == c.id.to_string());
                ChildChoice {
                    id: c.id,
                    label: format!("{}（{}）", c.name, age_label(c.birth_date, first)),
                    chosen: sent.is_some(),
                    after_illness: sent.is_some_and(|(_, ill)| *ill),
                }
            })
            .collect(),
    };
    Ok(ok(visitor, &ask_form(&ctx(visitor), &view)))
}

fn input_of(form: &FormData) -> AskInput {
    let text = |name: &str| form.get(name).unwrap_or_default().to_string();
    AskInput {
        kind: text("kind"),
        from_area: text("from_area"),
        from_place: text("from_place"),
        to_area: text("to_area"),
        to_place: text("to_place"),
        by_car: form.get("by_car").is_some(),
        care_place: text("care_place"),
        day: text("day"),
        start_hour: text("start_hour"),
        start_minute: text("start_minute"),
        end_hour: text("end_hour"),
        end_minute: text("end_minute"),
        next_day: form.get("next_day").is_some(),
        children: form
            .all("child")
            .map(|id| (id.to_string(), form.get(&format!("ill_{id}")).is_some()))
            .collect(),
        note: text("note"),
    }
}

fn values_of(input: &AskInput) -> AskValues {
    AskValues {
        kind: input.kind.clone(),
        from_area: input.from_area.clone(),
        from_place: input.from_place.clone(),
        to_area: input.to_area.clone(),
        to_place: input.to_place.clone(),
        by_car: input.by_car,
        care_place: input.care_place.clone(),
        day: input.day.clone(),
        start_hour: input.start_hour.clone(),
        start_minute: input.start_minute.clone(),
        end_hour: input.end_hour.clone(),
        end_minute: input.end_minute.clone(),
        next_day: input.next_day,
        note: input.note.clone(),
    }
}
