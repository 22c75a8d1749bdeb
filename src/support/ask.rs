//! Asking: the checks that need the database (her own children, no overlap with the same
//! child's other live request, her area), then the request and its first wave in one write
//! transaction, so a request never exists without its offers, nor offers without it.

use super::wave::{send_next_wave, WaveOutcome};
use crate::context::Context;
use crate::db::models::member::Member;
use crate::db::models::support::child::FamilyChild;
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::request::{NewRequest, RequestChild, SupportRequest};
use crate::db::{write_transaction, DbConnection};
use crate::domain::support::asking::{overlaps, Asking};
use crate::domain::support::describe::slot_label;
use crate::domain::support::ids::{AreaId, FamilyId};
use diesel::QueryResult;

/// Why a parsed request was refused, as the form says it (nothing was written).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("選べないお子さんが含まれています。一覧から選び直してください。")]
    NotYourChild,
    #[error("{name}さんには、同じ時間帯の依頼がすでにあります（{when}）。")]
    Overlap { name: String, when: String },
    #[error("マイページで地域を設定してから依頼してください。")]
    NoArea,
}

/// The request written and its first wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    pub request_id: i64,
    pub wave: WaveOutcome,
}

/// Writes `asking` for family `family_id` and sends its first wave, or says why not.
pub fn ask(
    ctx: &Context,
    conn: &mut DbConnection,
    family_id: i64,
    asking: &Asking,
) -> QueryResult<Result<Asked, Refused>> {
    write_transaction(conn, |conn| {
        let Some(area) = Member::find(conn, family_id)?.area_id else {
            return Ok(Err(Refused::NoArea));
        };
        let hers = FamilyChild::of_family(conn, family_id)?;
        let mut children = Vec::with_capacity(asking.children.len());
        for (id, after_illness) in &asking.children {
            if !hers.iter().any(|c| c.id == *id) {
                return Ok(Err(Refused::NotYourChild));
            }
            children.push(RequestChild {
                child_id: *id,
                after_illness: *after_illness,
            });
        }
        let ids: Vec<i64> = children.iter().map(|c| c.child_id).collect();
        for other in SupportRequest::live_near(conn, &ids, asking.slot.date())? {
            let slot = other.asked.slot();
            if !overlaps(slot, asking.slot) {
                continue;
            }
            let theirs = SupportRequest::children(conn, other.asked.id)?;
            let name = hers
                .iter()
                .find(|c| ids.contains(&c.id) && theirs.iter().any(|t| t.child_id == c.id))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            return Ok(Err(Refused::Overlap {
                name,
                when: slot_label(slot),
            }));
        }
        let request_id = SupportRequest::insert(
            conn,
            &NewRequest {
                family: FamilyId(family_id),
                area: AreaId(area),
                kind: asking.kind,
                from_place: &asking.from_place,
                to_place: &asking.to_place,
                slot: asking.slot,
                urgent: asking.urgent,
                note: &asking.note,
                children: &children,
            },
        )?;
        let urgent = if asking.urgent { "（急ぎ）" } else { "" };
        SupportLog::record(
            conn,
            Some(request_id),
            Some(family_id),
            "asked",
            &format!("依頼{urgent}：{}", slot_label(asking.slot)),
        )?;
        let wave = send_next_wave(ctx, conn, request_id)?;
        Ok(Ok(Asked { request_id, wave }))
    })
}
