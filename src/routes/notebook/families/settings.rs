//! `…/settings`: approval of joins, the absence reasons (one per line) and the time of the
//! not-arrived mail (「8:45」 or empty), saved with `SchoolSettings::save`.

use crate::db;
use crate::db::models::notebook::school_settings::SchoolSettings;
use crate::domain::clock::{clock, TimeOfDay};
use crate::domain::notebook::absence::reasons_of;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::routes::notebook::families::staff::staff;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::families::settings::{settings, SettingsForm};

/// The most absence reasons a school offers (a keitai select stays short).
const REASONS_MAX: usize = 20;
/// The longest reason.
const REASON_CHARS: usize = 20;

pub async fn form(visitor: Visitor, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let (_, school) = staff(&visitor, path.into_inner(), Action::Read).await?;
    let school_id = school.id;
    let stored = visitor.db(move |conn| Ok(SchoolSettings::of(conn, school_id)?)).await?;
    let typed = SettingsForm {
        approve_joins: stored.approve_joins,
        absence_reasons: stored.absence_reasons.join("\n"),
        nudge_at: stored.nudge_at.map(clock).unwrap_or_default(),
    };
    Ok(ok(&visitor, &settings(&ctx(&visitor), school_id, &typed, None, None)))
}

pub async fn save(posted: Posted, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (_, school) = staff(&visitor, path.into_inner(), Action::Update).await?;
    let school_id = school.id;
    let typed = SettingsForm {
        approve_joins: form.get("approve_joins").is_some(),
        absence_reasons: form.get("absence_reasons").unwrap_or_default().to_string(),
        nudge_at: form.get("nudge_at").unwrap_or_default().trim().to_string(),
    };
    let refuse = |why: &str| {
        Ok(ok(
            &visitor,
            &settings(&ctx(&visitor), school_id, &typed, Some(why), None),
        ))
    };
    let nudge_at = if typed.nudge_at.is_empty() {
        None
    } else {
        match TimeOfDay::parse(&typed.nudge_at) {
            Some(t) => Some(t.minutes()),
            None => return refuse("時刻は「8:45」のように入力してください（送らないときは空欄）。"),
        }
    };
    let reasons = reasons_of(&typed.absence_reasons);
    if reasons.len() > REASONS_MAX {
        return refuse(&format!("欠席の理由は{REASONS_MAX}個までにしてください。"));
    }
    if reasons.iter().any(|r| r.chars().count() > REASON_CHARS) {
        return refuse(&format!("欠席の理由は1つ{REASON_CHARS}文字までにしてください。"));
    }
    let saved = SchoolSettings {
        school_id,
        approve_joins: typed.approve_joins,
        absence_reasons: reasons,
        nudge_at,
    };
    let shown = SettingsForm {
        approve_joins: saved.approve_joins,
        absence_reasons: saved.absence_reasons.join("\n"),
        nudge_at: saved.nudge_at.map(clock).unwrap_or_default(),
    };
    visitor
        .db(move |conn| Ok(db::write_transaction(conn, |conn| saved.save(conn))?))
        .await?;
    Ok(ok(
        &visitor,
        &settings(&ctx(&visitor), school_id, &shown, None, Some("保存しました。")),
    ))
}
