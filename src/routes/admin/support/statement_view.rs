//! A month's statement turned into the view structs the statement pages and CSVs share.

use crate::domain::support::statement::{hours_label, yen_label, CentreCounts, Line, Month, Totals};
use crate::domain::time::today;
use crate::error::AppError;
use crate::routes::request::KeitaiQuery;
use crate::support::statement::{MonthStatement, Person};
use hiroba_views::pages::admin::support::statements::{
    AreaRow, CentreView, CsvLine, LineRow, MonthNav, PersonRow, Sums,
};

/// The month of `?month=2026-12`, this month without one.
pub fn month_of(query: &KeitaiQuery) -> Result<Month, AppError> {
    match query.0.get("month").map(|m| m.trim()).filter(|m| !m.is_empty()) {
        None => Ok(Month::of(today())),
        Some(text) => Month::parse(text)
            .ok_or_else(|| AppError::BadInput(format!("月「{text}」を読めません。2026-12 の形で指定してください。"))),
    }
}

/// `?print=1`: the plain layout for the printer.
pub fn printing(query: &KeitaiQuery) -> bool {
    query.0.get("print").is_some_and(|v| v == "1")
}

pub fn month_nav(month: Month) -> MonthNav {
    MonthNav {
        key: month.key(),
        label: month.label(),
        prev: month.prev().key(),
        next: month.next().key(),
    }
}

pub fn sums(t: &Totals) -> Sums {
    Sums {
        activities: t.activities,
        awaiting: t.awaiting,
        minutes: t.minutes,
        hours: hours_label(t.minutes),
        fees_yen: t.fees_yen,
        transport_yen: t.transport_yen,
        cancellations: t.cancellations,
        cancellation_yen: t.cancellation_yen,
        total_yen: t.total_yen(),
        fees: yen_label(t.fees_yen),
        cancellation: yen_label(t.cancellation_yen),
        total: yen_label(t.total_yen()),
    }
}

/// 「柏 花子（はなママ）」: how coordinators' pages name a member.
pub fn full_name(statement: &MonthStatement, id: i64) -> String {
    let names = statement.name(id);
    format!("{}（{}）", names.real_name, names.nickname)
}

pub fn person_row(statement: &MonthStatement, person: &Person, with_area: bool) -> PersonRow {
    let area = if with_area {
        statement
            .of_family(person.id)
            .first()
            .and_then(|l| statement.area_names.get(&l.area.0).cloned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    PersonRow {
        id: person.id,
        real_name: person.names.real_name.clone(),
        nickname: person.names.nickname.clone(),
        area,
        sums: sums(&person.totals),
    }
}

/// A line for a coordinator: `other` is the other side's full name (or 「—」).
pub fn line_row(statement: &MonthStatement, line: &Line, other: Option<i64>) -> LineRow {
    LineRow {
        date: line.date_label(),
        time: line.time_label(),
        kind: line.kind_label().to_string(),
        other: other.map_or_else(|| "—".to_string(), |id| full_name(statement, id)),
        minutes: line.minutes(),
        transport: yen_label(line.transport_yen),
        fee: yen_label(line.fee_yen),
        state: line.entry.label().to_string(),
    }
}

/// The lines of the supporters' (or families') CSV, person by person.
pub fn csv_lines(statement: &MonthStatement, supporters: bool) -> Vec<CsvLine> {
    let mut lines: Vec<CsvLine> = statement
        .lines
        .iter()
        .filter_map(|l| {
            let (person, other) = if supporters {
                (l.supporter?.0, Some(l.family.0))
            } else {
                (l.family.0, l.supporter.map(|s| s.0))
            };
            Some(CsvLine {
                person_id: person,
                person: statement.name(person).real_name,
                date: l.day.format("%Y-%m-%d").to_string(),
                line: line_row(statement, l, other),
                fee_yen: l.fee_yen,
                transport_yen: l.transport_yen,
            })
        })
        .collect();
    // Stable: each person's lines stay in day order.
    lines.sort_by_key(|l| l.person_id);
    lines
}

fn area_row(area: &str, c: &CentreCounts) -> AreaRow {
    AreaRow {
        area: area.to_string(),
        requests: c.requests,
        matched: c.matched,
        unfilled: c.unfilled,
        cancelled: c.cancelled,
        fill_rate: c.fill_rate().map(|r| r.to_string()).unwrap_or_default(),
        sums: sums(&c.activity),
    }
}

pub fn centre_view(statement: &MonthStatement) -> CentreView {
    let c = &statement.centre;
    let minutes = |m: Option<i64>| m.map(|m| m.to_string()).unwrap_or_default();
    CentreView {
        areas: c.areas.iter().map(|(name, counts)| area_row(name, counts)).collect(),
        total: area_row("合計", &c.all),
        members: c.members,
        median_minutes: minutes(c.acceptance_median),
        p90_minutes: minutes(c.acceptance_p90),
    }
}
