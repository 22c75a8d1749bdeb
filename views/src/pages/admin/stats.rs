//! 利用状況 (coordinators, PC): a date range by day, week or month, as a table and as charts drawn
//! on the server (SVG by plotters: lines for days, bars for weeks and months), with a CSV download.

use crate::chart::{chart, Series, Shape};
use crate::components::{alert, footer, form, link, select, subheading};
use crate::csv::Csv;
use crate::ctx::{Ctx, Flavor};
use crate::layout::{styled_page, CONSOLE_STYLE};
use maud::html;

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

/// One period of the report.
#[derive(Debug, Clone)]
pub struct PeriodRow {
    /// With its year, for the table and the CSV: 2026-11-21, 2026-11-16〜2026-11-22, 2026年11月.
    pub name: String,
    /// Short, under the charts: 11/21, 11/16〜, 11月.
    pub label: String,
    /// One value per `SERIES` entry.
    pub values: [i64; 8],
}

#[derive(Debug, Clone)]
pub struct StatsView {
    /// YYYY-MM-DD
    pub from: String,
    pub to: String,
    /// day, week or month
    pub by: String,
    pub rows: Vec<PeriodRow>,
    /// Per device profile name, one value per `PROFILE_SERIES` entry.
    pub by_profile: Vec<(String, [i64; 4])>,
    /// The CSV link for the same range.
    pub csv_path: String,
    pub error: Option<String>,
}

/// Charts two to a row on a PC screen, one on a phone; a chart keeps a readable size and scrolls
/// sideways inside its box on a narrow screen rather than shrinking its labels.
const CHART_STYLE: &str = ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(30em,1fr));gap:0 2em}\
.chart{overflow-x:auto}.chart svg{display:block;width:100%;min-width:30em;height:auto}";

pub fn stats(ctx: &Ctx, view: &StatsView) -> String {
    let totals: Vec<i64> = (0..SERIES.len())
        .map(|i| view.rows.iter().map(|r| r.values[i]).sum())
        .collect();
    let periods: Vec<(String, String)> = [("day", "日別"), ("week", "週別"), ("month", "月別")]
        .iter()
        .map(|(value, label)| (value.to_string(), label.to_string()))
        .collect();
    // A month of days is mostly zeros: the table lists the periods with something in them, the
    // charts show every period.
    let with_data: Vec<&PeriodRow> = view.rows.iter().filter(|r| r.values.iter().any(|v| *v != 0)).collect();
    let left_out = view.rows.len() - with_data.len();
    let labels: Vec<String> = view.rows.iter().map(|r| r.label.clone()).collect();
    let caption = format!("{} 〜 {}", view.from, view.to);
    let shape = if view.by == "day" { Shape::Line } else { Shape::Bars };
    let style = format!("{CONSOLE_STYLE}{CHART_STYLE}");
    styled_page(
        ctx,
        "利用状況",
        None,
        &style,
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
            div.wide {
                table {
                    tr { th { "期間" } @for (_, label) in SERIES { th { (label) } } }
                    @for row in &with_data {
                        tr { td { (row.name) } @for v in row.values { td style="text-align:right" { (v) } } }
                    }
                    tr { th { "合計" } @for v in &totals { th style="text-align:right" { (v) } } }
                }
            }
            @if left_out > 0 {
                p { "数字がすべて 0 の期間（" (left_out) " 件）は表から省いています。グラフと CSV にはすべての期間があります。" }
            }
            p { "投稿はクチコミとコミュニティのトピック、コメントはその両方へのコメントです。機種は、Web では使った端末、メールでは送り主の携帯会社です。" }
            // Charts only where a full browser draws SVG; a keypad phone has the table.
            @if ctx.flavor == Flavor::Html5 {
                div.charts {
                    @for (i, (_, title)) in SERIES.iter().enumerate() {
                        @let values: Vec<i64> = view.rows.iter().map(|r| r.values[i]).collect();
                        div {
                            (subheading(ctx, title))
                            (chart(&Series { title, labels: &labels, values: &values, caption: &caption, shape }))
                        }
                    }
                }
            }
            (subheading(ctx, "機種別"))
            div.wide {
                table {
                    tr { th { "機種" } @for label in PROFILE_SERIES { th { (label) } } }
                    @for (profile, values) in &view.by_profile {
                        tr { td { (profile) } @for v in values { td style="text-align:right" { (v) } } }
                    }
                }
            }
            (footer(ctx))
        },
    )
}

/// The report as CSV for Excel: a header row in Japanese and one row per period, then after an
/// empty line the same for device profiles.
pub fn stats_csv(view: &StatsView) -> String {
    let mut csv = Csv::new();
    let periods: Vec<(String, [i64; 8])> = view.rows.iter().map(|r| (r.name.clone(), r.values)).collect();
    csv_table(&mut csv, "期間", SERIES.map(|s| s.1), &periods);
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
