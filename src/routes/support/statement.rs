//! `/support/statement?month=YYYY-MM`: a supporter's own 月報 on her phone, her totals first and
//! her activities paged to the device. Families are named by nickname only.

use crate::db::models::support::supporter::Supporter;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::ids::SupporterId;
use crate::domain::support::statement::{hours_label, yen_label, Month};
use crate::domain::time::today;
use crate::error::AppError;
use crate::routes::portal::page_number;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::support::statement::SupporterMonth;
use actix_web::HttpResponse;
use hiroba_views::pages::support::statement::{own_line, own_statement, OwnLine, OwnStatementView};

pub async fn show(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::SupportOwn, Action::Read)?.member_id;
    let month = match query.0.get("month").map(|m| m.trim()).filter(|m| !m.is_empty()) {
        None => Month::of(today()),
        Some(text) => Month::parse(text)
            .ok_or_else(|| AppError::BadInput(format!("月「{text}」を読めません。2026-12 の形で指定してください。")))?,
    };
    let statement = visitor
        .db(move |conn| {
            if Supporter::find(conn, me)?.is_none() {
                return Ok(None);
            }
            Ok(Some(SupporterMonth::build(conn, month, SupporterId(me))?))
        })
        .await?
        // Only 提供会員 have a 月報; the policy lets every member reach her own support pages.
        .ok_or(AppError::Forbidden)?;
    let t = &statement.totals;
    let view = OwnStatementView {
        month_key: month.key(),
        month_label: month.label(),
        prev: month.prev().key(),
        next: month.next().key(),
        activities: t.activities,
        awaiting: t.awaiting,
        hours: hours_label(t.minutes),
        fees: yen_label(t.fees_yen),
        cancellations: t.cancellations,
        cancellation: yen_label(t.cancellation_yen),
        total: yen_label(t.total_yen()),
    };
    let items: Vec<_> = statement
        .lines
        .iter()
        .map(|l| {
            own_line(&OwnLine {
                date: l.date_label(),
                time: l.time_label(),
                kind: l.kind_label().into(),
                family_nickname: statement
                    .names
                    .get(&l.family.0)
                    .map(|n| n.nickname.clone())
                    .unwrap_or_default(),
                minutes: l.minutes(),
                fee: yen_label(l.fee_yen),
                state: l.entry.label().into(),
            })
        })
        .collect();
    let ctx = ctx(&visitor);
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        own_statement(&ctx, &view, list)
    }))
}
