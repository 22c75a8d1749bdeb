//! `/admin/support`: the coordinators' console (PC first, readable on a phone). Read only: the
//! actions it links to (assigning, 事前打合せ, vetting, disputes) log themselves.

use crate::db::models::area::Area;
use crate::db::models::support::console::Console;
use crate::db::models::support::log::{LogLine, SupportLog};
use crate::db::models::support::offer::Offer;
use crate::db::models::support::pre_meeting::PreMeeting;
use crate::db::models::support::request::{Asked, SupportRequest};
use crate::db::models::support::statement::{Names, StatementRows};
use crate::db::models::support::supporter::Supporter;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::request::Kind;
use crate::domain::support::statement::{acceptance_minutes, centre, percentile, Month};
use crate::domain::support::status::{log_action_label, RequestStatus};
use crate::domain::support::vetting_state::VettingState;
use crate::domain::time::{day_label, jst, today};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::support::console::{
    console, ConsoleView, LogRow, MeetingRow, OfferCell, RequestRow, VettingCounts,
};
use std::collections::HashMap;

/// Requests listed per state at most, log lines shown.
const LISTED: i64 = 100;
const LOG_LINES: i64 = 15;
/// Seconds between reloads on a PC.
const REFRESH_SECONDS: u32 = 30;

/// Everything the console reads, in one visit to the database.
struct Read {
    open: Vec<(SupportRequest, Vec<Offer>)>,
    unfilled: Vec<SupportRequest>,
    meetings: Vec<(Option<SupportRequest>, i64, i64)>,
    vetting: VettingCounts,
    waits: Vec<i64>,
    fill_rate: Option<u32>,
    disputes: i64,
    log: Vec<LogLine>,
    names: HashMap<i64, Names>,
    areas: HashMap<i64, String>,
}

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    let today = today();
    let month = Month::of(today);
    let read = visitor
        .db(move |conn| {
            let mut open = Vec::new();
            for request in SupportRequest::in_states(conn, &[RequestStatus::Open], LISTED)? {
                let offers = Offer::of_request(conn, request.asked.id)?;
                open.push((request, offers));
            }
            let unfilled = SupportRequest::in_states(conn, &[RequestStatus::Unfilled], LISTED)?;
            let mut meetings = Vec::new();
            for (request, family, supporter) in PreMeeting::awaited(conn)?.into_iter().take(LISTED as usize) {
                meetings.push((SupportRequest::find(conn, request)?, family, supporter));
            }
            let mut vetting = VettingCounts::default();
            for s in Supporter::all(conn)? {
                match VettingState::of(s.active, &s.vetting(), today) {
                    VettingState::Paused => vetting.paused += 1,
                    VettingState::NeedsVetting => vetting.needs_vetting += 1,
                    VettingState::InsuranceEnding => {
                        vetting.insurance_ending += 1;
                        vetting.offerable += 1;
                    }
                    VettingState::Offerable => vetting.offerable += 1,
                }
            }
            let requests = StatementRows::requests(conn, month.first(), month.last())?;
            let (_, all) = centre(&requests, &[]);
            let mut ids: Vec<i64> = open
                .iter()
                .flat_map(|(r, offers)| std::iter::once(r.asked.family_id).chain(offers.iter().map(|o| o.supporter_id)))
                .chain(unfilled.iter().map(|r| r.asked.family_id))
                .chain(meetings.iter().flat_map(|(_, f, s)| [*f, *s]))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            Ok(Read {
                names: StatementRows::names(conn, &ids)?,
                areas: Area::all(conn)?.into_iter().map(|a| (a.id, a.name)).collect(),
                open,
                unfilled,
                meetings,
                vetting,
                waits: acceptance_minutes(&requests),
                fill_rate: all.fill_rate(),
                disputes: Console::count_in(conn, RequestStatus::Disputed)?,
                log: SupportLog::recent(conn, LOG_LINES)?,
            })
        })
        .await?;
    let max_waves = visitor.settings().support.max_waves;
    let name = |id: i64| {
        read.names
            .get(&id)
            .map(|n| format!("{}（{}）", n.real_name, n.nickname))
            .unwrap_or_else(|| "—".into())
    };
    let row = |r: &SupportRequest, offers: &[Offer]| {
        let asked = &r.asked;
        let slot = asked.slot();
        let hm = |m: u32| format!("{}:{:02}", (m % 1440) / 60, m % 60);
        RequestRow {
            id: asked.id,
            when: format!(
                "{} {}〜{}",
                day_label(asked.day),
                hm(slot.start_minute()),
                hm(slot.end_minute())
            ),
            kind: kind_label(asked).into(),
            area: read.areas.get(&asked.area_id).cloned().unwrap_or_default(),
            family: name(asked.family_id),
            urgent: asked.urgent,
            wave: format!("{} / {max_waves}", r.progress.wave),
            deadline: r
                .progress
                .wave_deadline
                .map(|d| jst(d).format("%H:%M").to_string())
                .unwrap_or_default(),
            offers: offers
                .iter()
                .map(|o| OfferCell {
                    wave: o.wave,
                    supporter: name(o.supporter_id),
                    state: o.status().label().into(),
                })
                .collect(),
        }
    };
    let minutes = |m: Option<i64>| m.map_or_else(|| "—".to_string(), |m| format!("{m}分"));
    let view = ConsoleView {
        open: read.open.iter().map(|(r, offers)| row(r, offers)).collect(),
        unfilled: read.unfilled.iter().map(|r| row(r, &[])).collect(),
        meetings: read
            .meetings
            .iter()
            .map(|(request, family, supporter)| MeetingRow {
                when: request.as_ref().map(|r| day_label(r.asked.day)).unwrap_or_default(),
                family: name(*family),
                supporter: name(*supporter),
            })
            .collect(),
        vetting: read.vetting.clone(),
        month_key: month.key(),
        month_label: month.label(),
        fill_rate: read.fill_rate.map_or_else(|| "—".to_string(), |r| format!("{r}%")),
        median: minutes(percentile(&read.waits, 50)),
        p90: minutes(percentile(&read.waits, 90)),
        disputes: read.disputes,
        log: read
            .log
            .iter()
            .map(|l| LogRow {
                at: jst(l.at).format("%m/%d %H:%M").to_string(),
                request: l.request_id,
                who: l.member_name.clone().unwrap_or_else(|| "システム".into()),
                action: log_action_label(&l.action).to_string(),
                detail: l.detail.clone(),
            })
            .collect(),
        refresh: (visitor.device.profile.id == "pc").then_some(REFRESH_SECONDS),
    };
    Ok(ok(&visitor, &console(&ctx(&visitor), &view)))
}

fn kind_label(asked: &Asked) -> &'static str {
    match asked.kind() {
        Kind::Pickup { .. } => "送迎",
        Kind::Care { .. } => "あずかり",
    }
}
