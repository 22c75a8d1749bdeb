//! 利用状況 (coordinators, PC): a date range by day, week or month, as a table and as bar charts
//! drawn on the server (SVG), with a CSV download.

use crate::components::{alert, footer, form, link, select, subheading};
use crate::csv::Csv;
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

/// The series of the report, in column order: (key, Japanese label).
pub const SERIES: [(&str, &str); 8] = [
    ("page_views", "ページビュー"),
    ("members", "利用した会員"),
    ("registrations", "新規登録"),
    ("posts_web", "投稿（Web）"),
    ("posts_mail", "投稿（メール）"),
    ("comments", "コメント"),
    ("mails_sent", "送信メール"),
    ("bounces", "不達メール"),
];

/// The columns of the table by device profile.
pub const PROFILE_SERIES: [&str; 4] = ["ページビュー", "投稿（Web）", "投稿（メール）", "コメント"];

#[derive(Debug, Clone)]
pub struct StatsView {
    /// YYYY-MM-DD
    pub from: String,
    pub to: String,
    /// day, week or month
    pub by: String,
    /// Period names (11/21, 11/17〜, 2026年11月) and one value per `SERIES` entry.
    pub rows: Vec<(String, [i64; 8])>,
    /// Per device profile name, one value per `PROFILE_SERIES` entry.
    pub by_profile: Vec<(String, [i64; 4])>,
    /// The CSV link for the same range.
    pub csv_path: String,
    pub error: Option<String>,
}

pub fn stats(ctx: &Ctx, view: &StatsView) -> String {
    let totals: Vec<i64> = (0..SERIES.len())
        .map(|i| view.rows.iter().map(|r| r.1[i]).sum())
        .collect();
    let periods: Vec<(String, String)> = [("day", "日別"), ("week", "週別"), ("month", "月別")]
        .iter()
        .map(|(value, label)| (value.to_string(), label.to_string()))
        .collect();
    page(
        ctx,
        "利用状況",
        html! {
            (form(ctx, "/admin/stats", false, html! {
                "期間 " input type="date" name="from" value=(view.from);
                " 〜 " input type="date" name="to" value=(view.to);
                " "
                (select("by", &periods, &view.by))
                " " input type="submit" value="表示";
            }))
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            p { (link(ctx, &view.csv_path, "CSV でダウンロード（Excel 用）", None)) }
            table {
                tr { th { "期間" } @for (_, label) in SERIES { th { (label) } } }
                @for (name, values) in &view.rows {
                    tr { td { (name) } @for v in values { td style="text-align:right" { (v) } } }
                }
                tr { th { "合計" } @for v in &totals { th style="text-align:right" { (v) } } }
            }
            p { "投稿はクチコミとコミュニティのトピック、コメントはその両方へのコメントです。機種は、Web では使った端末、メールでは送り主の携帯会社です。" }
            @for (i, (_, label)) in SERIES.iter().enumerate() {
                (subheading(ctx, label))
                (bar_chart(&view.rows.iter().map(|r| (r.0.as_str(), r.1[i])).collect::<Vec<_>>()))
            }
            (subheading(ctx, "機種別"))
            table {
                tr { th { "機種" } @for label in PROFILE_SERIES { th { (label) } } }
                @for (profile, values) in &view.by_profile {
                    tr { td { (profile) } @for v in values { td style="text-align:right" { (v) } } }
                }
            }
            (footer(ctx))
        },
    )
}

/// Vertical bars, one per period, scaled to the largest value; the value above each bar.
fn bar_chart(values: &[(&str, i64)]) -> Markup {
    const HEIGHT: i64 = 120;
    const BAR: usize = 24;
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1);
    let width = values.len().max(1) * (BAR + 8) + 8;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(HEIGHT + 40) role="img" {
            @for (i, (name, value)) in values.iter().enumerate() {
                @let h = value * HEIGHT / max;
                @let x = 8 + i * (BAR + 8);
                rect x=(x) y=(HEIGHT + 14 - h) width=(BAR) height=(h) fill="#e98a9a" {
                    title { (name) "：" (value) }
                }
                text x=(x + BAR / 2) y=(HEIGHT + 10 - h) font-size="10" text-anchor="middle" { (value) }
                text x=(x + BAR / 2) y=(HEIGHT + 30) font-size="9" text-anchor="middle" { (name) }
            }
        }
    }
}

/// The report as CSV for Excel: a header row in Japanese and one row per period, then after an
/// empty line the same for device profiles.
pub fn stats_csv(view: &StatsView) -> String {
    let mut csv = Csv::new();
    csv_table(&mut csv, "期間", SERIES.map(|s| s.1), &view.rows);
    csv.blank();
    csv_table(&mut csv, "機種", PROFILE_SERIES, &view.by_profile);
    csv.finish()
}

fn csv_table<const N: usize>(csv: &mut Csv, first: &str, labels: [&str; N], rows: &[(String, [i64; N])]) {
    csv.row(std::iter::once(first).chain(labels));
    for (name, values) in rows {
        csv.row(std::iter::once(name.clone()).chain(values.iter().map(i64::to_string)));
    }
}
