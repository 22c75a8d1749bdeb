//! `/support/activities/{id}` and `/support/h/{token}`: the matched supporter's page of one
//! activity, and the 受け渡しコード she types there.

use super::door::Door;
use crate::db::models::member::Member;
use crate::db::models::support::child::FamilyChild;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::report::Report;
use crate::db::models::support::request::SupportRequest;
use crate::db::now;
use crate::domain::fold::fold;
use crate::domain::policy::Action;
use crate::domain::support::matched_reply::CODE_DIGITS;
use crate::domain::support::privacy::{may_see_family, Relation};
use crate::domain::support::report::times_label;
use crate::domain::support::request::{CarePlace, Kind};
use crate::domain::support::status::RequestStatus;
use crate::domain::time::{day_label, jst};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::support::handover::{self, clock_of, Channel, Outcome};
use actix_web::{web, HttpResponse};
use chrono::{Datelike, NaiveDate};
use hiroba_views::pages::support::activity::{
    activity, ActivityView, ChildLine, FamilyDetails, HandoverState, ReportState,
};

pub async fn show(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    render(&visitor, &Door::Member(id.into_inner()), None, None).await
}

pub async fn show_by_token(mut visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    render(&visitor, &Door::Token(token.into_inner()), None, None).await
}

pub async fn handover(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    enter_code(posted, Door::Member(id.into_inner())).await
}

pub async fn handover_by_token(posted: Posted, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    enter_code(posted, Door::Token(token.into_inner())).await
}

async fn enter_code(posted: Posted, door: Door) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (request, actor) = door.open(&visitor, Action::Create).await?;
    let code = fold(form.get("code").unwrap_or_default()).trim().to_string();
    if code.len() != CODE_DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        let error = "受け渡しコードは4けたの数字で入力してください。";
        return render(&visitor, &door, None, Some(error.into())).await;
    }
    let settings = visitor.settings().clone();
    let id = request.asked.id;
    let outcome = visitor
        .db(move |conn| Ok(handover::enter(&settings, conn, id, &code, Channel::Web, actor)?))
        .await?;
    let (notice, error) = match outcome {
        Outcome::Recorded(at) => (Some(format!("受け渡しを記録しました（{}）。", clock_of(at))), None),
        Outcome::AlreadyRecorded(at) => (Some(format!("受け渡しは{}に記録済みです。", clock_of(at))), None),
        Outcome::Wrong { left } => (
            None,
            Some(format!(
                "受け渡しコードが違います。保護者の方にもう一度確かめてください（あと{left}回入力できます）。"
            )),
        ),
        // The page itself says that the code is locked and whom to call.
        Outcome::Locked => (None, None),
        Outcome::Closed => (
            None,
            Some("この活動は取り消されたか報告が済んでいるため、受け渡しを記録できません。".into()),
        ),
    };
    render(&visitor, &door, notice, error).await
}

/// How the supporter stands to the family now (`domain::support::privacy`).
pub fn relation(request: &SupportRequest) -> Relation {
    let status = request.progress.status();
    let reported = matches!(
        status,
        RequestStatus::Reported | RequestStatus::Confirmed | RequestStatus::Disputed
    );
    let handed_over = request.progress.handed_over_at.is_some() && status != RequestStatus::Cancelled;
    Relation::Supporter {
        active: status == RequestStatus::Matched,
        took_place: reported || handed_over,
    }
}

/// Whether the activity can be reported: matched, and handed over or past its start.
pub fn can_report(request: &SupportRequest) -> bool {
    request.progress.status() == RequestStatus::Matched
        && (request.progress.handed_over_at.is_some() || jst(now()).naive_local() >= request.asked.slot().start())
}

/// The activity page, with a notice or an error on top.
pub async fn render(
    visitor: &Visitor,
    door: &Door,
    notice: Option<String>,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (request, _) = door.open(visitor, Action::Read).await?;
    let sees_family = may_see_family(relation(&request));
    let id = request.asked.id;
    let family_id = request.asked.family_id;
    let (family, report) = visitor
        .db(move |conn| {
            let family = if sees_family {
                let member = Member::find(conn, family_id)?;
                let contact = SupportMember::find(conn, family_id)?;
                let named = SupportRequest::children(conn, id)?;
                let ids: Vec<i64> = named.iter().map(|c| c.child_id).collect();
                let children = FamilyChild::by_ids(conn, &ids)?;
                let ill: Vec<i64> = named.iter().filter(|c| c.after_illness).map(|c| c.child_id).collect();
                Some((member, contact, children, ill))
            } else {
                None
            };
            Ok((family, Report::find(conn, id)?))
        })
        .await?;
    let asked = &request.asked;
    let status = request.progress.status();
    let cancelled = status == RequestStatus::Cancelled;
    let limit = visitor.settings().support.handover_attempts;
    let handover = match (request.progress.handed_over_at, status) {
        (Some(at), _) if !cancelled => HandoverState::Recorded { at: clock_of(at) },
        (None, RequestStatus::Matched) => {
            let used = u32::try_from(request.progress.handover_attempts).unwrap_or(limit);
            match limit.saturating_sub(used) {
                0 => HandoverState::Locked,
                left => HandoverState::Enter { left },
            }
        }
        _ => HandoverState::None,
    };
    let report = match (report, status) {
        (Some(report), RequestStatus::Reported | RequestStatus::Confirmed | RequestStatus::Disputed) => {
            ReportState::Done {
                times: times_label(
                    u32::try_from(report.start_minute).unwrap_or_default(),
                    u32::try_from(report.end_minute).unwrap_or_default(),
                ),
                fee_lines: report.fee_detail.lines().map(str::to_string).collect(),
                answer: match status {
                    RequestStatus::Confirmed => "ご家族の確認が済みました。",
                    RequestStatus::Disputed => {
                        "ご家族から「内容が違う」とお知らせがあり、アドバイザーが確認しています。"
                    }
                    _ => "ご家族の確認を待っています。",
                }
                .to_string(),
            }
        }
        (_, RequestStatus::Matched) if can_report(&request) => ReportState::Open,
        (_, RequestStatus::Matched) => ReportState::NotYet,
        _ => ReportState::None,
    };
    let view = ActivityView {
        base: door.base(),
        day: day_label(asked.day),
        times: times_label(
            u32::try_from(asked.start_minute).unwrap_or_default(),
            u32::try_from(asked.end_minute).unwrap_or_default(),
        ),
        kind: kind_label(asked.kind()).into(),
        urgent: asked.urgent,
        status: status.label().into(),
        family: family.map(|(member, contact, children, ill)| FamilyDetails {
            name: member.real_name,
            address: contact.as_ref().map(|c| c.address.clone()).unwrap_or_default(),
            phone: contact.map(|c| c.phone).unwrap_or_default(),
            places: places(asked.kind(), &asked.from_place, &asked.to_place),
            note: asked.note.clone(),
            children: children
                .into_iter()
                .map(|c| ChildLine {
                    age: age_label(c.birth_date, asked.day),
                    after_illness: ill.contains(&c.id),
                    name: c.name,
                    notes: c.notes,
                })
                .collect(),
        }),
        cancelled,
        handover,
        report,
        notice,
        error,
    };
    Ok(ok(visitor, &activity(&ctx(visitor), &view)))
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Pickup { by_car: true, .. } => "送迎（車）",
        Kind::Pickup { by_car: false, .. } => "送迎",
        Kind::Care {
            at: CarePlace::SupporterHome,
        } => "あずかり（提供会員の家）",
        Kind::Care {
            at: CarePlace::FamilyHome,
        } => "あずかり（依頼会員の家）",
    }
}

/// 「さくら保育園 → 自宅」 for a 送迎 (places are told to the matched supporter only).
fn places(kind: Kind, from: &str, to: &str) -> Option<String> {
    match kind {
        Kind::Pickup { .. } if !(from.is_empty() && to.is_empty()) => Some(format!("{from} → {to}")),
        _ => None,
    }
}

/// 「4歳」, or 「8か月」 under one year, on the activity's day.
fn age_label(born: NaiveDate, on: NaiveDate) -> String {
    let mut months = (on.year() - born.year()) * 12 + on.month() as i32 - born.month() as i32;
    if on.day() < born.day() {
        months -= 1;
    }
    match months.max(0) {
        m if m < 12 => format!("{m}か月"),
        m => format!("{}歳", m / 12),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_years_or_months_under_one() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(age_label(d("2021-04-02"), d("2026-12-07")), "5歳");
        assert_eq!(age_label(d("2021-12-08"), d("2026-12-07")), "4歳");
        assert_eq!(age_label(d("2026-03-10"), d("2026-12-07")), "8か月");
        assert_eq!(age_label(d("2026-12-01"), d("2026-12-07")), "0か月");
    }
}
