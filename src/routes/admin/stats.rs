//! 利用状況: page views, members, registrations, posts by channel, comments, mails sent and bounced for a
//! date range; `/admin/stats.csv` gives the same numbers as a Shift_JIS CSV that Excel opens as is.

use crate::domain::policy::{Action, Resource};
use crate::domain::time::JST;
use crate::error::AppError;
use crate::routes::request::{csv_download, ctx, ok, KeitaiQuery, Visitor};
use crate::stats::buckets::Granularity;
use crate::stats::report::{build, Report};
use actix_web::HttpResponse;
use chrono::{Duration, NaiveDate, Utc};
use hiroba_views::pages::admin::stats::{stats, stats_csv, PeriodRow, StatsView};

/// The longest range one report covers (a page of 366 daily bars is already plenty).
const MAX_DAYS: i64 = 366;

pub async fn page(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    let (range, error) = match Range::parse(&query) {
        Ok(range) => (range, None),
        Err(message) => (Range::default_now(), Some(message)),
    };
    let view = view(&visitor, range, error).await?;
    Ok(ok(&visitor, &stats(&ctx(&visitor), &view)))
}

pub async fn csv(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    let range = Range::parse(&query).map_err(AppError::BadInput)?;
    let text = stats_csv(&view(&visitor, range, None).await?);
    let name = format!("hiroba-stats-{}-{}.csv", range.from, range.to);
    Ok(csv_download(&visitor, &name, &name, &text))
}

#[derive(Debug, Clone, Copy)]
struct Range {
    from: NaiveDate,
    to: NaiveDate,
    by: Granularity,
}

impl Range {
    /// The last 30 days, by day.
    fn default_now() -> Range {
        let today = Utc::now().with_timezone(&JST).date_naive();
        Range {
            from: today - Duration::days(29),
            to: today,
            by: Granularity::Day,
        }
    }

    fn parse(query: &KeitaiQuery) -> Result<Range, String> {
        let fallback = Range::default_now();
        let date = |name: &str, default: NaiveDate| match query.0.get(name).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| format!("日付「{v}」を読めません。2026-11-01 の形で入力してください。")),
        };
        let from = date("from", fallback.from)?;
        let to = date("to", fallback.to)?;
        let by = match query.0.get("by") {
            None => Granularity::Day,
            Some(v) => Granularity::parse(v).ok_or_else(|| "集計の単位を選んでください。".to_string())?,
        };
        if to < from {
            return Err("終わりの日付が始まりより前です。".into());
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(format!("期間は {MAX_DAYS} 日以内にしてください。"));
        }
        Ok(Range { from, to, by })
    }
}

/// The report of `range` as the page and the CSV show it.
async fn view(visitor: &Visitor, range: Range, error: Option<String>) -> Result<StatsView, AppError> {
    let report = visitor
        .db(move |conn| Ok(build(conn, range.from, range.to, range.by)?))
        .await?;
    Ok(StatsView {
        from: range.from.to_string(),
        to: range.to.to_string(),
        by: range.by.as_str().to_string(),
        rows: rows(&report),
        by_profile: report
            .by_profile
            .iter()
            .map(|p| {
                let values = [p.page_views, n(p.posts_web), n(p.posts_mail), n(p.comments)];
                (profile_name(visitor, &p.profile), values)
            })
            .collect(),
        csv_path: format!(
            "/admin/stats.csv?from={}&to={}&by={}",
            range.from,
            range.to,
            range.by.as_str()
        ),
        error,
    })
}

fn n(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn rows(report: &Report) -> Vec<PeriodRow> {
    report
        .rows
        .iter()
        .map(|r| PeriodRow {
            name: report.granularity.name(r.start),
            label: report.granularity.short_name(r.start),
            values: [
                r.page_views,
                n(r.members),
                n(r.registrations),
                n(r.posts_web),
                n(r.posts_mail),
                n(r.comments),
                n(r.mails_sent),
                n(r.bounces),
            ],
        })
        .collect()
}

fn profile_name(visitor: &Visitor, id: &str) -> String {
    if id == "unknown" {
        return "不明（記録開始前）".into();
    }
    visitor
        .profiles()
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| id.to_string())
}
