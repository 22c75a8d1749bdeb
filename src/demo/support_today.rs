//! Demo 送迎・あずかり支援 requests from today on, asked through the service itself: their offers
//! are mailed when the demo starts, their waves and reminders are queued. One waits for answers
//! (急ぎ), one has a decline, one was accepted (its 事前打合せ still to arrange), one was assigned
//! by a coordinator.

use super::support::DemoSupport;
use crate::context::Context;
use crate::db::models::member::Member;
use crate::db::models::support::offer::Offer;
use crate::db::DbConnection;
use crate::domain::support::asking::Asking;
use crate::domain::support::ids::AreaId;
use crate::domain::support::request::{CarePlace, Kind};
use crate::domain::support::slot::Slot;
use crate::domain::time::jst;
use crate::support::accept::{answer_offer, assign_by_hand, Channel};
use crate::support::ask::ask;
use chrono::{Duration, NaiveDate, Timelike, Utc};
use diesel::QueryResult;

/// One of today's requests: the family's place in the demo's list, 送迎 (else あずかり at home), the
/// day with start and end minutes, and what becomes of it.
type Plan = (usize, bool, (NaiveDate, u32, u32), Then);

/// What becomes of one of today's requests once asked.
enum Then {
    Wait,
    Decline,
    Accept,
    Assign,
}

/// Asks the requests; `coordinator` assigns by hand. Returns how many were asked.
pub fn seed(
    ctx: &Context,
    conn: &mut DbConnection,
    demo: &DemoSupport,
    coordinator: Option<i64>,
) -> QueryResult<usize> {
    let now = jst(Utc::now().naive_utc());
    let today = now.date_naive();
    // The 急ぎ request is this evening, or tomorrow morning when the evening is near or past.
    let urgent = if now.hour() < 15 {
        (today, 17 * 60 + 30, 19 * 60)
    } else {
        (today + Duration::days(1), 8 * 60, 9 * 60 + 30)
    };
    let plans: [Plan; 4] = [
        (0, true, urgent, Then::Wait),
        (2, false, (today + Duration::days(2), 10 * 60, 13 * 60), Then::Decline),
        (
            5,
            true,
            (today + Duration::days(3), 17 * 60, 18 * 60 + 30),
            Then::Accept,
        ),
        (8, false, (today + Duration::days(5), 9 * 60, 12 * 60), Then::Assign),
    ];
    let mut asked = 0;
    for (family_index, pickup, (day, start, end), then) in plans {
        let Some((family, children)) = demo.families.get(family_index) else {
            continue;
        };
        let Some(area) = Member::find(conn, *family)?.area_id else {
            continue;
        };
        let Ok(slot) = Slot::from_minutes(day, start, end) else {
            continue;
        };
        let kind = if pickup {
            Kind::Pickup {
                from: AreaId(area),
                to: AreaId(area),
                by_car: false,
            }
        } else {
            Kind::Care {
                at: CarePlace::FamilyHome,
            }
        };
        let asking = Asking {
            kind,
            from_place: if pickup {
                "みどり保育園".into()
            } else {
                String::new()
            },
            to_place: if pickup { "自宅".into() } else { String::new() },
            slot,
            children: children.iter().take(1).map(|&id| (id, false)).collect(),
            note: if pickup {
                "残業で迎えに間に合いません。よろしくお願いします。".into()
            } else {
                String::new()
            },
            urgent: slot.start() - now.naive_local() < Duration::hours(24),
        };
        let Ok(done) = ask(ctx, conn, *family, &asking)? else {
            continue;
        };
        asked += 1;
        let offers = Offer::of_request(conn, done.request_id)?;
        match then {
            Then::Wait => {}
            Then::Decline => {
                if let Some(offer) = offers.first() {
                    answer_offer(ctx, conn, offer.id, false, Channel::Mail)?;
                }
            }
            Then::Accept => {
                if let Some(offer) = offers.get(1).or(offers.first()) {
                    answer_offer(ctx, conn, offer.id, true, Channel::Web)?;
                }
            }
            Then::Assign => {
                if let (Some(by), Some(offer)) = (coordinator, offers.first()) {
                    assign_by_hand(ctx, conn, done.request_id, offer.supporter_id, by)?;
                }
            }
        }
    }
    Ok(asked)
}
