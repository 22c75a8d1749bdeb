//! A stored request in the words its mails and pages use, and the addresses mail goes to.

use crate::db::models::area::Area;
use crate::db::models::support::child::FamilyChild;
use crate::db::models::support::request::SupportRequest;
use crate::db::DbConnection;
use crate::domain::support::describe::{age_label, kind_label, slot_label};
use crate::domain::support::request::Kind;
use diesel::QueryResult;
use std::collections::HashMap;

/// What a request's mails and pages say about it.
#[derive(Debug, Clone)]
pub struct Described {
    /// 「12/05（土） 17:00〜19:00」.
    pub when: String,
    /// 「送迎（柏中央→富勢、車）」.
    pub kind: String,
    /// The areas of the activity: 「柏中央」, 「柏中央・富勢」.
    pub areas: String,
    /// 「2歳・5歳（病後児）」: no names (offers).
    pub ages: String,
    /// 「さくら（5歳）、はると（2歳・病後児）」: for the matched supporter and the family.
    pub children: String,
    /// The children's ids in the request.
    pub child_ids: Vec<i64>,
}

pub fn describe(conn: &mut DbConnection, request: &SupportRequest) -> QueryResult<Described> {
    let names: HashMap<i64, String> = Area::all(conn)?.into_iter().map(|a| (a.id, a.name)).collect();
    let area = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let asked = &request.asked;
    let kind = asked.kind();
    let mut area_ids = vec![asked.area_id];
    if let Kind::Pickup { from, to, .. } = kind {
        area_ids = vec![from.0, to.0];
    }
    area_ids.dedup();
    let named = SupportRequest::children(conn, asked.id)?;
    let child_ids: Vec<i64> = named.iter().map(|c| c.child_id).collect();
    let mut children = FamilyChild::by_ids(conn, &child_ids)?;
    // Youngest first, as ages are read.
    children.sort_by_key(|c| std::cmp::Reverse(c.birth_date));
    let day = asked.day;
    let ill = |id: i64| named.iter().any(|n| n.child_id == id && n.after_illness);
    let ages = children
        .iter()
        .map(|c| {
            let age = age_label(c.birth_date, day);
            if ill(c.id) {
                format!("{age}（病後児）")
            } else {
                age
            }
        })
        .collect::<Vec<_>>()
        .join("・");
    let named_children = children
        .iter()
        .map(|c| {
            let sick = if ill(c.id) { "・病後児" } else { "" };
            format!("{}（{}{sick}）", c.name, age_label(c.birth_date, day))
        })
        .collect::<Vec<_>>()
        .join("、");
    Ok(Described {
        when: slot_label(asked.slot()),
        kind: kind_label(kind, area),
        areas: area_ids.iter().map(|id| area(*id)).collect::<Vec<_>>().join("・"),
        ages,
        children: named_children,
        child_ids,
    })
}
