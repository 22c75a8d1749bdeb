//! `/admin/support/supporters`: every 提供会員 with her vetting state, filtered by state and paged.

use crate::db::models::area::Area;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::supporter::Supporter;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::ids::AreaId;
use crate::domain::support::vetting::{offerable_on, InsuranceState};
use crate::domain::time::today;
use crate::error::AppError;
use crate::routes::portal::page_number;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use chrono::NaiveDate;
use hiroba_views::pages::admin::support::supporters::{supporter_row, supporters, SupporterRow, SupportersView};
use std::collections::HashMap;

/// The list's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StateFilter {
    All,
    /// Offers can reach her today.
    Offerable,
    /// Active, but 講習, 面談 or insurance is missing.
    NeedsVetting,
    Paused,
    /// Insurance ended or ending within 30 days.
    InsuranceEnding,
}

const FILTERS: [(StateFilter, &str, &str); 5] = [
    (StateFilter::All, "", "すべて"),
    (StateFilter::Offerable, "offerable", "依頼可"),
    (StateFilter::NeedsVetting, "vetting", "審査が必要"),
    (StateFilter::Paused, "paused", "休止中"),
    (StateFilter::InsuranceEnding, "insurance", "保険の期限"),
];

impl StateFilter {
    fn parse(text: &str) -> StateFilter {
        FILTERS
            .iter()
            .find(|(_, v, _)| *v == text)
            .map_or(StateFilter::All, |(f, ..)| *f)
    }

    fn keeps(self, supporter: &Supporter, on: NaiveDate) -> bool {
        let vetting = supporter.vetting();
        match self {
            StateFilter::All => true,
            StateFilter::Offerable => offerable_on(&vetting, supporter.active, on).is_ok(),
            StateFilter::NeedsVetting => supporter.active && offerable_on(&vetting, true, on).is_err(),
            StateFilter::Paused => !supporter.active,
            StateFilter::InsuranceEnding => InsuranceState::of(&vetting, on).needs_renewal(),
        }
    }
}

/// What a supporter's line in the list (and the top of her page) shows.
pub fn row(supporter: &Supporter, name: &str, areas: &[AreaId], area_names: &[Area], on: NaiveDate) -> SupporterRow {
    let vetting = supporter.vetting();
    let state = offerable_on(&vetting, supporter.active, on);
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "未".to_string(), |d| d.to_string());
    SupporterRow {
        id: supporter.member_id,
        name: name.to_string(),
        state: state.map_or_else(|why| why.to_string(), |()| "依頼可".to_string()),
        offerable: state.is_ok(),
        course: day(supporter.course_completed_on),
        interview: day(supporter.interviewed_on),
        insurance: vetting
            .insurance
            .map_or_else(|| "未登録".to_string(), |p| format!("{}〜{}", p.from(), p.until())),
        insurance_mark: match InsuranceState::of(&vetting, on) {
            InsuranceState::Missing => String::new(),
            other => other.mark().to_string(),
        },
        active: supporter.active,
        areas: areas
            .iter()
            .filter_map(|a| area_names.iter().find(|n| n.id == a.0))
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("・"),
        skills: supporter.skills().to_string(),
        limit: supporter.monthly_limit,
    }
}

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    let filter = StateFilter::parse(query.0.get("state").unwrap_or_default());
    let (all, names, areas, area_names) = visitor
        .db(|conn| {
            let names: HashMap<i64, String> = SupportMember::directory(conn)?
                .into_iter()
                .map(|e| (e.member_id, e.real_name))
                .collect();
            Ok((
                Supporter::all(conn)?,
                names,
                Supporter::all_areas(conn)?,
                Area::all(conn)?,
            ))
        })
        .await?;
    let on = today();
    let mut shown: Vec<SupporterRow> = all
        .iter()
        .filter(|s| filter.keeps(s, on))
        .map(|s| {
            let name = names.get(&s.member_id).map_or("", String::as_str);
            let covered = areas.get(&s.member_id).map_or(&[][..], Vec::as_slice);
            row(s, name, covered, &area_names, on)
        })
        .collect();
    shown.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let ctx = ctx(&visitor);
    let items: Vec<_> = shown.iter().map(|r| supporter_row(&ctx, r)).collect();
    let view = SupportersView {
        states: FILTERS.iter().map(|(_, v, l)| (v.to_string(), l.to_string())).collect(),
        state: FILTERS
            .iter()
            .find(|(f, ..)| *f == filter)
            .map_or("", |(_, v, _)| v)
            .to_string(),
        count: shown.len(),
    };
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        supporters(&ctx, &view, list)
    }))
}
