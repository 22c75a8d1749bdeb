//! `/admin/support/statements?month=YYYY-MM` (the centre, the supporters and the families of a
//! month) and one supporter's or family's month; `&print=1` is the layout for the printer.

use super::statement_view::{centre_view, line_row, month_nav, month_of, person_row, printing, sums};
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::statement::StatementRows;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::statement::Totals;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, KeitaiQuery, Visitor};
use crate::support::statement::MonthStatement;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::admin::support::statements::{person_month, statements, PersonMonthView, StatementsView};

/// Reads a month's statement for a coordinator.
pub async fn load(visitor: &Visitor, query: &KeitaiQuery) -> Result<MonthStatement, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    let month = month_of(query)?;
    visitor.db(move |conn| Ok(MonthStatement::build(conn, month)?)).await
}

pub async fn month(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let statement = load(&visitor, &query).await?;
    let view = StatementsView {
        month: month_nav(statement.month),
        centre: centre_view(&statement),
        supporters: statement
            .supporters
            .iter()
            .map(|p| person_row(&statement, p, false))
            .collect(),
        families: statement
            .families
            .iter()
            .map(|p| person_row(&statement, p, true))
            .collect(),
        print: printing(&query),
    };
    Ok(ok(&visitor, &statements(&ctx(&visitor), &view)))
}

pub async fn supporter(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    person(visitor, id.into_inner(), query, true).await
}

pub async fn family(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    person(visitor, id.into_inner(), query, false).await
}

async fn person(visitor: Visitor, id: i64, query: KeitaiQuery, supporter: bool) -> Result<HttpResponse, AppError> {
    let statement = load(&visitor, &query).await?;
    let lines = if supporter {
        statement.of_supporter(id)
    } else {
        statement.of_family(id)
    };
    // A member with no line this month still has a page (of nothing), if she takes part at all.
    let names = visitor
        .db(move |conn| {
            Ok(match SupportMember::find(conn, id)? {
                Some(_) => StatementRows::names(conn, &[id])?.remove(&id),
                None => None,
            })
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let name = format!("{}（{}）", names.real_name, names.nickname);
    let rows = lines
        .iter()
        .map(|l| {
            let other = if supporter {
                Some(l.family.0)
            } else {
                l.supporter.map(|s| s.0)
            };
            line_row(&statement, l, other)
        })
        .collect();
    let (who, other_label, total_label, base) = if supporter {
        ("提供会員", "依頼会員", "支払額", "supporters")
    } else {
        ("依頼会員", "提供会員", "請求額", "families")
    };
    let view = PersonMonthView {
        month: month_nav(statement.month),
        title: format!("{who} {name}"),
        path: format!("/admin/support/statements/{base}/{id}"),
        other_label: other_label.into(),
        sums: sums(&Totals::of(lines.iter().copied())),
        lines: rows,
        total_label: total_label.into(),
        print: printing(&query),
    };
    Ok(ok(&visitor, &person_month(&ctx(&visitor), &view)))
}
