//! Demo 送迎・あずかり支援 history: a month of activities before today, most confirmed, some
//! reported and waiting for the family, one disputed, cancellations (one late, with its fee) and
//! one request no supporter took. Written straight into the tables with their past times, so
//! that nothing is mailed for them; today's requests go through the service itself
//! (`support_today`).

use super::support::DemoSupport;
use crate::config::Settings;
use crate::db::models::member::Member;
use crate::db::models::support::offer::{NewOffer, Offer};
use crate::db::models::support::pre_meeting::PreMeeting;
use crate::db::models::support::report::Report;
use crate::db::models::support::request::{NewRequest, Progress, RequestChild, SupportRequest};
use crate::db::models::support::supporter::Supporter;
use crate::db::DbConnection;
use crate::domain::support::fee_table::Yen;
use crate::domain::support::ids::{AreaId, FamilyId, SupporterId};
use crate::domain::support::report::ReportInput;
use crate::domain::support::request::{CarePlace, Kind};
use crate::domain::support::slot::Slot;
use crate::domain::support::status::{OfferStatus, RequestStatus};
use crate::domain::time::jst_day_start;
use crate::support::report::{fee_of, values_of};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use diesel::QueryResult;

/// What happens to the `n`th past request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Confirmed,
    Reported,
    Disputed,
    Cancelled { late: bool },
    Unfilled,
}

fn outcome(n: usize, days_ago: i64) -> Outcome {
    match n {
        7 => Outcome::Cancelled { late: false },
        19 => Outcome::Cancelled { late: true },
        13 => Outcome::Unfilled,
        5 => Outcome::Disputed,
        _ if days_ago <= 2 => Outcome::Reported,
        _ => Outcome::Confirmed,
    }
}

/// Seeds the past month for `demo`'s members; `coordinator` is who recorded meetings.
pub fn seed(
    conn: &mut DbConnection,
    settings: &Settings,
    demo: &DemoSupport,
    coordinator: Option<i64>,
    today: NaiveDate,
) -> QueryResult<usize> {
    let mut written = 0;
    let coverage: Vec<(i64, Vec<AreaId>)> = demo
        .supporters
        .iter()
        .map(|&id| Supporter::areas(conn, id).map(|areas| (id, areas)))
        .collect::<QueryResult<_>>()?;
    for days_ago in (1..=30).rev() {
        let day = today - Duration::days(days_ago);
        let per_day = if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            1
        } else {
            2
        };
        for k in 0..per_day {
            let n = written;
            let (family, children) = &demo.families[(days_ago as usize * 7 + k * 3) % demo.families.len()];
            let Some(area) = Member::find(conn, *family)?.area_id else {
                continue;
            };
            // Supporters covering her area, taking turns.
            let able: Vec<i64> = coverage
                .iter()
                .filter(|(_, areas)| areas.contains(&AreaId(area)))
                .map(|(id, _)| *id)
                .collect();
            if able.is_empty() {
                continue;
            }
            let supporter = able[n % able.len()];
            let (kind, slot, places) = if k == 0 && per_day == 2 {
                let slot = Slot::from_stored(day, 17 * 60 + 30, 19 * 60);
                (
                    Kind::Pickup {
                        from: AreaId(area),
                        to: AreaId(area),
                        by_car: false,
                    },
                    slot,
                    ("みどり保育園", "自宅"),
                )
            } else {
                let slot = Slot::from_stored(day, 10 * 60, 13 * 60 + 30);
                (
                    Kind::Care {
                        at: CarePlace::SupporterHome,
                    },
                    slot,
                    ("", ""),
                )
            };
            let request = NewRequest {
                family: FamilyId(*family),
                area: AreaId(area),
                kind,
                from_place: places.0,
                to_place: places.1,
                slot,
                urgent: n % 6 == 4,
                note: if n % 4 == 0 {
                    "お迎えのあと、おやつを食べさせてください。"
                } else {
                    ""
                },
                children: &children
                    .iter()
                    .take(1 + n % 2)
                    .map(|&child_id| RequestChild {
                        child_id,
                        after_illness: false,
                    })
                    .collect::<Vec<_>>(),
            };
            let asked_at = jst_day_start(day) - Duration::hours(if request.urgent { 5 } else { 50 });
            let id = SupportRequest::insert(conn, &request)?;
            let outcome = outcome(n, days_ago);
            let mut offered = able.iter().cycle().skip(n % able.len()).take(able.len().min(3));
            let first = offered.next().copied();
            let others: Vec<i64> = offered.copied().collect();
            for (position, supporter_id) in first.into_iter().chain(others.iter().copied()).enumerate() {
                let (offer, _) = Offer::insert(
                    conn,
                    &NewOffer {
                        request_id: id,
                        supporter_id,
                        wave: 1,
                        position: position as i32 + 1,
                        score: 70 - position as i32 * 8,
                        reason: "地域内・今月の活動が少ない",
                        met_family: position == 0,
                    },
                )?;
                let answer = match (outcome, position) {
                    (Outcome::Unfilled, _) => OfferStatus::Declined,
                    (_, 0) => OfferStatus::Accepted,
                    (_, 1) => OfferStatus::Declined,
                    _ => OfferStatus::Lost,
                };
                Offer::answer(conn, offer, answer, if position % 2 == 0 { "web" } else { "mail" })?;
                Offer::backdate(
                    conn,
                    offer,
                    asked_at,
                    asked_at + Duration::minutes(6 + (n as i64 * 7) % 80),
                )?;
            }
            let matched_at = asked_at + Duration::minutes(6 + (n as i64 * 7) % 80);
            SupportRequest::backdate(conn, id, asked_at)?;
            if outcome == Outcome::Unfilled {
                Progress::transition(conn, id, &[RequestStatus::Open], RequestStatus::Unfilled)?;
                written += 1;
                continue;
            }
            Progress::win(conn, id, SupporterId(supporter), None)?;
            Progress::backdate_match(conn, id, matched_at)?;
            if let Some(by) = coordinator {
                PreMeeting::record(conn, *family, supporter, day - Duration::days(7), by)?;
            }
            match outcome {
                Outcome::Cancelled { late } => {
                    let fee = late.then(|| {
                        let cancelled_at = slot.start() - Duration::hours(2);
                        let activity = crate::domain::support::fee::Activity {
                            slot,
                            requested_at: slot.start() - Duration::hours(50),
                            children: std::num::NonZeroU32::MIN,
                            transport: Yen::ZERO,
                        };
                        settings.support.fees.cancellation_fee(&activity, cancelled_at)
                    });
                    let fee = fee.flatten().map(|f| f.total.get());
                    Progress::cancel(
                        conn,
                        id,
                        &[RequestStatus::Matched],
                        *family,
                        "子どもの体調が悪いため",
                        fee,
                    )?;
                }
                _ => {
                    Progress::record_handover(conn, id)?;
                    let end = slot.end_minute() + if n % 3 == 0 { 15 } else { 0 };
                    let input = ReportInput {
                        slot: Slot::from_stored(day, slot.start_minute() as i32, end as i32),
                        transport: Yen::new(if matches!(kind, Kind::Pickup { .. }) { 0 } else { 200 })
                            .unwrap_or(Yen::ZERO),
                        note: "元気に過ごしました。おやつを完食しました。".into(),
                    };
                    let asked = SupportRequest::find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
                    let fee = fee_of(settings, &asked, &input, request.children.len());
                    let detail = fee.to_string();
                    Progress::transition(conn, id, &[RequestStatus::Matched], RequestStatus::Reported)?;
                    Report::insert(conn, id, &values_of(&input, &fee, &detail), &input.note)?;
                    match outcome {
                        Outcome::Confirmed => {
                            Progress::transition(conn, id, &[RequestStatus::Reported], RequestStatus::Confirmed)?;
                            Report::confirm(conn, id)?;
                        }
                        Outcome::Disputed => {
                            Progress::transition(conn, id, &[RequestStatus::Reported], RequestStatus::Disputed)?;
                            Report::dispute(conn, id, "終わりの時刻は18時45分だったと思います。")?;
                        }
                        _ => {}
                    }
                }
            }
            written += 1;
        }
    }
    Ok(written)
}
