//! メール配信状況: per carrier and day, what was sent, given up and bounced; the mails given up.

use crate::db;
use crate::db::models::mail_bounce;
use crate::db::models::outbox::OutboxMail;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::HttpResponse;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use hiroba_views::pages::admin::mail::{mail_status, CarrierDay, FailedMail};
use std::collections::BTreeMap;

const DAYS: i64 = 14;
const FAILED_SHOWN: i64 = 50;

pub async fn status(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    let to = db::now();
    let from = to - Duration::days(DAYS);
    let (outcomes, bounces, failed) = visitor
        .db(move |conn| {
            Ok((
                OutboxMail::outcomes_between(conn, from, to)?,
                mail_bounce::between(conn, from, to)?,
                OutboxMail::failed_recent(conn, FAILED_SHOWN)?,
            ))
        })
        .await?;
    let profiles = &visitor.profiles();
    let carrier_name = |id: &str| {
        profiles
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let days = tally(&outcomes, &bounces, carrier_name);
    let failed: Vec<FailedMail> = failed
        .into_iter()
        .map(|(mail, error)| FailedMail {
            id: mail.id,
            kind: mail.kind,
            recipient: mail.recipient,
            queued: jst(mail.created_at).format("%m/%d %H:%M").to_string(),
            error: error.unwrap_or_default(),
        })
        .collect();
    Ok(ok(&visitor, &mail_status(&ctx(&visitor), &days, &failed)))
}

/// Counts per JST day and carrier, newest day first.
fn tally(
    outcomes: &[(NaiveDateTime, String, String)],
    bounces: &[(NaiveDateTime, String, String)],
    carrier_name: impl Fn(&str) -> String,
) -> Vec<CarrierDay> {
    let mut counts: BTreeMap<(NaiveDate, String), CarrierDay> = BTreeMap::new();
    let mut row = |at: NaiveDateTime, carrier: &str| {
        let day = jst(at).date_naive();
        counts.entry((day, carrier.to_string())).or_insert_with(|| CarrierDay {
            day: day.format("%m/%d").to_string(),
            carrier: carrier_name(carrier),
            ..CarrierDay::default()
        });
        (day, carrier.to_string())
    };
    let keys: Vec<_> = outcomes.iter().map(|(at, carrier, _)| row(*at, carrier)).collect();
    let bounce_keys: Vec<_> = bounces.iter().map(|(at, carrier, _)| row(*at, carrier)).collect();
    for (key, (_, _, status)) in keys.iter().zip(outcomes) {
        let Some(counts) = counts.get_mut(key) else { continue };
        match status.as_str() {
            "sent" => counts.sent += 1,
            _ => counts.failed += 1,
        }
    }
    for (key, (_, _, kind)) in bounce_keys.iter().zip(bounces) {
        let Some(counts) = counts.get_mut(key) else { continue };
        match kind.as_str() {
            "unknown_user" => counts.unknown_user += 1,
            "filtered" => counts.filtered += 1,
            _ => counts.other_bounces += 1,
        }
    }
    counts.into_values().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fall_on_the_japanese_day() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // 15:30 UTC on the 20th is 00:30 JST on the 21st.
        let outcomes = vec![
            (at("2026-11-20 15:30"), "docomo".to_string(), "sent".to_string()),
            (at("2026-11-20 14:30"), "docomo".to_string(), "sent".to_string()),
            (at("2026-11-20 14:40"), "docomo".to_string(), "failed".to_string()),
        ];
        let bounces = vec![(at("2026-11-20 16:00"), "docomo".to_string(), "unknown_user".to_string())];
        let days = tally(&outcomes, &bounces, |id| id.to_uppercase());
        assert_eq!(days.len(), 2);
        assert_eq!(
            (days[0].day.as_str(), days[0].sent, days[0].unknown_user),
            ("11/21", 1, 1)
        );
        assert_eq!((days[1].day.as_str(), days[1].sent, days[1].failed), ("11/20", 1, 1));
        assert_eq!(days[1].carrier, "DOCOMO");
    }
}
