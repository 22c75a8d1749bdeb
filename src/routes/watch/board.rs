//! `/watch/schools/{id}`: the live board for the school's teachers and the coordinators, paged
//! to the device like every list. Every view is written to the audit log first.

use crate::db;
use crate::db::models::watch::audit::WatchAudit;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::pass::Pass;
use crate::db::models::watch::pass::PassAt;
use crate::db::models::watch::reader::{Health, Reader, ReaderKind};
use crate::db::models::watch::reader_event::ReaderEvent;
use crate::db::models::watch::school::School;
use crate::domain::clock::clock;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::domain::time::minute_of_day;
use crate::domain::time::{day_label, jst, jst_day_start};
use crate::error::AppError;
use crate::routes::portal::page_number;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::routes::watch::access::reaches_school;
use crate::watch::presence::{Presence, Whereabouts};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use hiroba_views::pages::watch::board::{
    board, board_child, BoardChild, BoardView, ChildStatus, Counts, ReaderStatus, Show, UnknownTag,
};

/// What the audit log calls a look at a school's live board (the school's name follows).
pub const BOARD_AUDIT_ACTION: &str = "見守りボードを閲覧";

/// The most unknown-tag reads the board lists.
const UNKNOWN_SHOWN: i64 = 50;

pub async fn show(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::ChildRecord, Action::Read)?;
    let (member_id, reach) = (me.member_id, child_reach(&me.principal()));
    let id = id.into_inner();
    let now = db::now();
    let today = jst(now).date_naive();
    let from = jst_day_start(today);
    let (school, children, readers, passes, unknown) = visitor
        .db(move |conn| {
            let school = School::find(conn, id)?.ok_or(AppError::NotFound)?;
            if !reaches_school(conn, member_id, reach, school.id)? {
                return Err(AppError::Forbidden);
            }
            // Only staff reach a board, and it names every child of the school: logged (DESIGN §6).
            WatchAudit::record(
                conn,
                member_id,
                None,
                &format!("{BOARD_AUDIT_ACTION}（{}）", school.name),
            )?;
            let children = Child::of_school(conn, id)?;
            let readers = Reader::of_school(conn, id)?;
            let passes = Pass::of_school_since(conn, id, from)?;
            let unknown = ReaderEvent::unknown_since(conn, id, from, UNKNOWN_SHOWN)?;
            Ok((school, children, readers, passes, unknown))
        })
        .await?;
    let everyone = board_children(&children, &passes, &readers);
    let show = query.0.get("show").map_or(Show::All, Show::parse);
    let view = BoardView {
        school_id: school.id,
        as_of: format!("{} {} 現在", day_label(today), jst(now).format("%H:%M")),
        late_after: clock(school.late_after),
        // Every day, weekends included: a list nobody reads on a holiday costs nothing, while
        // hiding it would miss a 土曜授業 day.
        late: minute_of_day(now) >= school.late_after,
        counts: Counts::of(&everyone),
        show,
        readers_quiet: readers.iter().all(|r| r.health() == Health::Unknown),
        readers: readers.iter().map(status).collect(),
        unknown: unknown
            .into_iter()
            .map(|u| UnknownTag {
                time: jst(u.read_at).format("%H:%M").to_string(),
                tag: u.tag,
                reader: u.reader_name,
            })
            .collect(),
        school: school.name,
    };
    let shown: Vec<&BoardChild> = everyone.iter().filter(|c| show.includes(c)).collect();
    let ctx = ctx(&visitor);
    let items: Vec<_> = shown
        .iter()
        .enumerate()
        .map(|(i, c)| board_child(&ctx, &view, c, i == 0 || shown[i - 1].class != c.class))
        .collect();
    // The frame is measured without items: it holds the longest 「（つづき）」 heading a page can
    // start with, so that no page outgrows the budget.
    let longest = shown.iter().map(|c| c.class.as_str()).max_by_key(|c| c.len());
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        let continued = if list.items.is_empty() {
            longest
        } else {
            shown
                .get(list.first)
                .filter(|c| list.first > 0 && shown[list.first - 1].class == c.class)
                .map(|c| c.class.as_str())
        };
        board(&ctx, &view, list, continued)
    }))
}

/// The children by grade and class (in the roster's order), each with today's 登校 and 下校 at
/// the gates; a pass's direction decides which it is.
fn board_children(children: &[Child], passes: &[PassAt], readers: &[Reader]) -> Vec<BoardChild> {
    let gates: Vec<i64> = readers
        .iter()
        .filter(|r| r.kind() == ReaderKind::Gate)
        .map(|r| r.id)
        .collect();
    let time = |at: NaiveDateTime| jst(at).format("%H:%M").to_string();
    children
        .iter()
        .map(|child| {
            let presence = Presence::of(
                passes
                    .iter()
                    .map(|p| &p.pass)
                    .filter(|p| p.child_id == child.id && gates.contains(&p.reader_id)),
            );
            BoardChild {
                id: child.id,
                name: child.name.clone(),
                class: format!("{}年{}", child.grade, child.class_name),
                arrived: presence.arrived.map(time),
                left: presence.left.map(time),
                status: match presence.whereabouts {
                    Whereabouts::NoRecord => ChildStatus::NoRecord,
                    Whereabouts::AtSchool => ChildStatus::AtSchool,
                    Whereabouts::Left => ChildStatus::Left,
                },
            }
        })
        .collect()
}

fn status(r: &Reader) -> ReaderStatus {
    ReaderStatus {
        id: r.id,
        name: r.name.clone(),
        kind: r.kind().label().to_string(),
        health: r.health().label().to_string(),
        offline: r.health() == Health::Offline,
        last_seen: r
            .last_seen_at
            .map_or("—".to_string(), |t| jst(t).format("%m/%d %H:%M").to_string()),
        battery: r.battery.map_or("—".to_string(), |b| format!("{b}%")),
    }
}
