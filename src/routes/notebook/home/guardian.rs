//! `/notebook/home`: the guardians' 伝言板 — a message for the children, the board's recent lines,
//! the paired devices and the pairing code. A guardian sees her own family's board only.

use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::home::{HomeBoard, HomeNote, PairingCode};
use crate::domain::notebook::HomeNoteKind;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::month_day;
use crate::error::AppError;
use crate::notebook::home::clock;
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::home::family::{
    family_home, no_family, note_line, FamilyHomeView, HomeCode, HomeDevice, NoteLine,
};
use std::collections::HashMap;

/// How many of the board's lines the guardians' page lists (paged on keitai).
const LINES: i64 = 60;

/// The signed-in guardian and her family (None: she has joined none yet).
pub async fn family(visitor: &Visitor, action: Action) -> Result<(i64, Option<Family>), AppError> {
    let member_id = visitor.require_member(Resource::Notebook, action)?.member_id;
    let family = visitor
        .db(move |conn| Ok(Family::of_guardian(conn, member_id)?))
        .await?;
    Ok((member_id, family))
}

pub async fn show(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let (_, family) = family(&visitor, Action::Read).await?;
    let Some(family) = family else {
        return Ok(ok(&visitor, &no_family(&ctx(&visitor))));
    };
    let page = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let form = Typed::default();
    render(&visitor, family.id, form, None, None, page).await
}

/// What the guardian typed into the message form.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub text: String,
    pub child: String,
}

/// The page, with a notice or an error and the form as typed.
pub async fn render(
    visitor: &Visitor,
    family_id: i64,
    typed: Typed,
    notice: Option<String>,
    error: Option<String>,
    page: usize,
) -> Result<HttpResponse, AppError> {
    let (children, guardians, notes, boards, code) = visitor
        .db(move |conn| {
            let children = Family::children(conn, family_id)?;
            let guardians = Family::guardians(conn, family_id)?;
            let notes = HomeNote::recent(conn, family_id, LINES)?;
            let boards = HomeBoard::of_family(conn, family_id)?;
            let code = PairingCode::current(conn, family_id)?;
            Ok((children, guardians, notes, boards, code))
        })
        .await?;
    let child_names: HashMap<i64, String> = children.iter().map(|c| (c.id, c.short_name.clone())).collect();
    let guardian_names: HashMap<i64, String> = guardians.into_iter().map(|g| (g.member_id, g.nickname)).collect();
    let bodies: HashMap<i64, String> = notes.iter().map(|n| (n.id, n.body.clone())).collect();
    let child_name = |id: Option<i64>| {
        id.and_then(|id| child_names.get(&id).cloned())
            .unwrap_or_else(|| "みんな".to_string())
    };
    let lines: Vec<NoteLine> = notes
        .iter()
        .map(|n| {
            let when = format!("{} {}", month_day(n.created_at), clock(n.created_at));
            let (who, text) = match n.kind() {
                Some(HomeNoteKind::Message) => {
                    let from = n
                        .member_id
                        .and_then(|m| guardian_names.get(&m).cloned())
                        .unwrap_or_else(|| "保護者".to_string());
                    (format!("{from}→{}", child_name(n.child_id)), n.body.clone())
                }
                Some(HomeNoteKind::Reply) => {
                    let about = n
                        .reply_to
                        .and_then(|id| bodies.get(&id))
                        .map(|b| format!("（「{b}」へ）"))
                        .unwrap_or_default();
                    (child_name(n.child_id), format!("{}{about}", n.body))
                }
                _ => (child_name(n.child_id), format!("{}（帰宅）", n.body)),
            };
            NoteLine { when, who, text }
        })
        .collect();
    let view = FamilyHomeView {
        children: children.iter().map(|c| (c.id, c.short_name.clone())).collect(),
        devices: boards
            .into_iter()
            .map(|b| HomeDevice {
                id: b.id,
                name: b.name,
                paired: format!("{} {}", month_day(b.paired_at), clock(b.paired_at)),
                seen: b
                    .last_seen_at
                    .map(|at| format!("{} {}", month_day(at), clock(at)))
                    .unwrap_or_else(|| "まだありません".to_string()),
            })
            .collect(),
        code: code.map(|c| HomeCode {
            code: c.code,
            until: clock(c.expires_at),
            device_url: format!("{}/home", visitor.settings().base_url),
        }),
        typed: typed.text,
        typed_child: typed.child,
        notice,
        error,
    };
    let items: Vec<_> = lines.iter().map(note_line).collect();
    let ctx = ctx(visitor);
    Ok(paged_list(visitor, &items, page, |list| family_home(&ctx, &view, list)))
}
