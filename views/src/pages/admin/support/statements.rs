//! 月報と請求 (coordinators, PC, printable on A4): the centre's month by area, each supporter's and
//! each family's sums, one person's lines, and the CSVs for Excel. Real names are shown here: these
//! pages and files are the coordinators' own.

use crate::components::{footer, link, subheading};
use crate::csv::Csv;
use crate::ctx::Ctx;
use crate::layout::styled_page;
use maud::{html, Markup};

/// Rules added to the style sheet: numbers right-aligned, tables across the width, and for
/// printing on A4 the links and navigation left out.
pub const STATEMENT_STYLE: &str = "body{max-width:64em}td.n,th.n{text-align:right}table{width:100%;margin-bottom:1em}\
.month{margin:.5em 0}@page{size:A4;margin:14mm}@media print{.noprint{display:none}\
body{max-width:none;font-size:10pt;color:#000}h1{background:none;color:#000;border-bottom:2px solid #000}\
a{color:#000;text-decoration:none}tr{page-break-inside:avoid}}";

/// The month shown and its neighbours.
#[derive(Debug, Clone)]
pub struct MonthNav {
    /// `2026-12`
    pub key: String,
    /// 「2026年12月」
    pub label: String,
    pub prev: String,
    pub next: String,
}

/// Sums as numbers (for the CSV) and as text (for the page).
#[derive(Debug, Clone, Default)]
pub struct Sums {
    pub activities: u32,
    /// Of which 確認待ち.
    pub awaiting: u32,
    pub minutes: i64,
    /// 「12時間30分」
    pub hours: String,
    pub fees_yen: i64,
    pub transport_yen: i64,
    pub cancellations: u32,
    pub cancellation_yen: i64,
    pub total_yen: i64,
    /// 「1,400円」 for fees, cancellation fees and the total.
    pub fees: String,
    pub cancellation: String,
    pub total: String,
}

/// A supporter or a family with her sums.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub real_name: String,
    pub nickname: String,
    /// A family's area (supporters: empty).
    pub area: String,
    pub sums: Sums,
}

/// One area's (or all areas') counts.
#[derive(Debug, Clone)]
pub struct AreaRow {
    pub area: String,
    pub requests: u32,
    pub matched: u32,
    pub unfilled: u32,
    pub cancelled: u32,
    /// Whole percent, empty when nothing was decided.
    pub fill_rate: String,
    pub sums: Sums,
}

#[derive(Debug, Clone)]
pub struct CentreView {
    pub areas: Vec<AreaRow>,
    pub total: AreaRow,
    /// 依頼会員, 提供会員, 両方会員 at the month's end.
    pub members: (i64, i64, i64),
    /// Minutes from request to acceptance (empty when none was matched).
    pub median_minutes: String,
    pub p90_minutes: String,
}

#[derive(Debug, Clone)]
pub struct StatementsView {
    pub month: MonthNav,
    pub centre: CentreView,
    pub supporters: Vec<PersonRow>,
    pub families: Vec<PersonRow>,
    /// `?print=1`: no links, for the printer.
    pub print: bool,
}

/// One line of a person's month.
#[derive(Debug, Clone)]
pub struct LineRow {
    /// 2026/12/03（木）
    pub date: String,
    /// 9:00〜11:00
    pub time: String,
    pub kind: String,
    /// The other side (the family on a supporter's page, the supporter on a family's).
    pub other: String,
    pub minutes: i64,
    pub transport: String,
    pub fee: String,
    /// 確認済み, 確認待ち or キャンセル料
    pub state: String,
}

#[derive(Debug, Clone)]
pub struct PersonMonthView {
    pub month: MonthNav,
    /// 「提供会員 よしこ（柏 良子）」
    pub title: String,
    /// The path of this page without the month (for the month links).
    pub path: String,
    /// 「依頼会員」 or 「提供会員」: who `other` is.
    pub other_label: String,
    pub lines: Vec<LineRow>,
    pub sums: Sums,
    /// 「支払額」 for a supporter, 「請求額」 for a family.
    pub total_label: String,
    pub print: bool,
}

fn month_links(ctx: &Ctx, path: &str, month: &MonthNav, print: bool) -> Markup {
    let at = |key: &str| format!("{path}?month={key}");
    html! {
        @if !print {
            div.month.noprint {
                (link(ctx, &at(&month.prev), "← 前の月", None))
                " ｜ " strong { (month.label) } " ｜ "
                (link(ctx, &at(&month.next), "次の月 →", None))
                " ｜ "
                (link(ctx, &format!("{}&print=1", at(&month.key)), "印刷用の表示", None))
            }
        }
    }
}

fn sums_cells(sums: &Sums) -> Markup {
    html! {
        td.n { (sums.activities) @if sums.awaiting > 0 { "（うち確認待ち" (sums.awaiting) "）" } }
        td.n { (sums.hours) }
        td.n { (sums.fees) }
        td.n { @if sums.cancellations > 0 { (sums.cancellations) "件 " } (sums.cancellation) }
        td.n { strong { (sums.total) } }
    }
}

fn area_cells(row: &AreaRow) -> Markup {
    html! {
        td { (row.area) }
        td.n { (row.requests) } td.n { (row.matched) } td.n { (row.unfilled) } td.n { (row.cancelled) }
        td.n { @if row.fill_rate.is_empty() { "—" } @else { (row.fill_rate) "%" } }
        td.n { (row.sums.activities) } td.n { (row.sums.hours) } td.n { (row.sums.fees) }
        td.n { (row.sums.cancellation) }
    }
}

fn people(ctx: &Ctx, rows: &[PersonRow], base: &str, month: &str, with_area: bool, print: bool) -> Markup {
    html! {
        @if rows.is_empty() { p { "この月の活動はありません。" } }
        @else {
            table {
                tr {
                    th { "番号" } th { "氏名（ニックネーム）" } @if with_area { th { "地域" } }
                    th.n { "活動" } th.n { "時間" } th.n { "活動の金額" } th.n { "キャンセル料" } th.n { "合計" }
                }
                @for p in rows {
                    tr {
                        td { (p.id) }
                        td {
                            @let label = format!("{}（{}）", p.real_name, p.nickname);
                            @if print { (label) } @else { (link(ctx, &format!("{base}/{}?month={month}", p.id), &label, None)) }
                        }
                        @if with_area { td { (p.area) } }
                        (sums_cells(&p.sums))
                    }
                }
            }
        }
    }
}

pub fn statements(ctx: &Ctx, view: &StatementsView) -> String {
    let month = &view.month;
    let csv = |name: &str| format!("/admin/support/statements/{name}.csv?month={}", month.key);
    let c = &view.centre;
    styled_page(
        ctx,
        &format!("月報と請求 {}", month.label),
        None,
        STATEMENT_STYLE,
        html! {
            (month_links(ctx, "/admin/support/statements", month, view.print))
            @if !view.print {
                div.noprint {
                    "CSV（Excel 用）："
                    (link(ctx, &csv("centre"), "センター集計", None)) " ｜ "
                    (link(ctx, &csv("supporters"), "提供会員の月報", None)) " ｜ "
                    (link(ctx, &csv("families"), "依頼会員の請求", None))
                }
            }
            (subheading(ctx, "センターの集計（地域別）"))
            table {
                tr {
                    th { "地域" } th.n { "依頼" } th.n { "成立" } th.n { "未成立" } th.n { "取消" } th.n { "充足率" }
                    th.n { "活動" } th.n { "時間" } th.n { "活動の金額" } th.n { "キャンセル料" }
                }
                @for row in &c.areas { tr { (area_cells(row)) } }
                tr { (area_cells(&c.total)) }
            }
            p {
                "会員数（月末）：依頼会員 " (c.members.0) "人、提供会員 " (c.members.1) "人、両方会員 " (c.members.2) "人"
                br;
                "依頼から引き受けまで：中央値 " (minutes_or_dash(&c.median_minutes))
                "、90パーセンタイル " (minutes_or_dash(&c.p90_minutes))
            }
            p { "活動は提供会員が報告した時間と金額で数えます（「確認待ち」は依頼会員の確認がまだのもの）。地域は依頼会員の地域です。" }
            (subheading(ctx, "提供会員の月報"))
            (people(ctx, &view.supporters, "/admin/support/statements/supporters", &month.key, false, view.print))
            (subheading(ctx, "依頼会員の請求"))
            (people(ctx, &view.families, "/admin/support/statements/families", &month.key, true, view.print))
            @if !view.print {
                div.noprint { (link(ctx, "/admin/support", "支援センターの画面へ", None)) }
                (footer(ctx))
            }
        },
    )
}

fn minutes_or_dash(minutes: &str) -> String {
    if minutes.is_empty() {
        "—".into()
    } else {
        format!("{minutes}分")
    }
}

pub fn person_month(ctx: &Ctx, view: &PersonMonthView) -> String {
    let s = &view.sums;
    styled_page(
        ctx,
        &format!("{} {}", view.title, view.month.label),
        None,
        STATEMENT_STYLE,
        html! {
            (month_links(ctx, &view.path, &view.month, view.print))
            @if view.lines.is_empty() { p { "この月の活動はありません。" } }
            @else {
                table {
                    tr {
                        th { "日付" } th { "時間" } th { "内容" } th { (view.other_label) }
                        th.n { "分" } th.n { "うち交通費" } th.n { "金額" } th { "区分" }
                    }
                    @for l in &view.lines {
                        tr {
                            td { (l.date) } td { (l.time) } td { (l.kind) } td { (l.other) }
                            td.n { (l.minutes) } td.n { (l.transport) } td.n { (l.fee) } td { (l.state) }
                        }
                    }
                }
            }
            table {
                tr { th { "活動" } td.n { (s.activities) "件" @if s.awaiting > 0 { "（うち確認待ち" (s.awaiting) "件）" } } }
                tr { th { "活動時間" } td.n { (s.hours) } }
                tr { th { "活動の金額" } td.n { (s.fees) } }
                tr { th { "キャンセル料" } td.n { (s.cancellations) "件 " (s.cancellation) } }
                tr { th { (view.total_label) } td.n { strong { (s.total) } } }
            }
            @if !view.print {
                div.noprint { (link(ctx, &format!("/admin/support/statements?month={}", view.month.key), "月報と請求へ", None)) }
                (footer(ctx))
            }
        },
    )
}

/// The columns of a person's sums in the CSVs, after her own columns.
const SUM_HEADERS: [&str; 8] = [
    "活動件数",
    "うち確認待ち",
    "活動時間（分）",
    "活動時間",
    "活動の金額（円）",
    "うち交通費（円）",
    "キャンセル件数",
    "キャンセル料（円）",
];

fn sum_cells(s: &Sums) -> [String; 8] {
    [
        s.activities.to_string(),
        s.awaiting.to_string(),
        s.minutes.to_string(),
        s.hours.clone(),
        s.fees_yen.to_string(),
        s.transport_yen.to_string(),
        s.cancellations.to_string(),
        s.cancellation_yen.to_string(),
    ]
}

/// A person's lines for the detail table of a CSV: her id and real name first.
#[derive(Debug, Clone)]
pub struct CsvLine {
    pub person_id: i64,
    pub person: String,
    /// 2026-12-03
    pub date: String,
    pub line: LineRow,
    pub fee_yen: i64,
    pub transport_yen: i64,
}

/// 提供会員の月報 or 依頼会員の請求 as CSV: one row per person with her sums and total, then after
/// an empty line one row per activity or cancellation.
pub fn people_csv(month: &str, supporters: bool, rows: &[PersonRow], lines: &[CsvLine]) -> String {
    let (who, number, total, other) = if supporters {
        ("提供会員", "提供会員番号", "支払額（円）", "依頼会員")
    } else {
        ("依頼会員", "依頼会員番号", "請求額（円）", "提供会員")
    };
    let mut csv = Csv::new();
    let mut head = vec!["年月", number, "氏名", "ニックネーム"];
    if !supporters {
        head.push("地域");
    }
    head.extend(SUM_HEADERS);
    head.push(total);
    csv.row(head);
    for p in rows {
        let mut cells = vec![
            month.to_string(),
            p.id.to_string(),
            p.real_name.clone(),
            p.nickname.clone(),
        ];
        if !supporters {
            cells.push(p.area.clone());
        }
        cells.extend(sum_cells(&p.sums));
        cells.push(p.sums.total_yen.to_string());
        csv.row(cells);
    }
    csv.blank();
    csv.row([
        number,
        who,
        "日付",
        "時間",
        "内容",
        other,
        "活動時間（分）",
        "うち交通費（円）",
        "金額（円）",
        "区分",
    ]);
    for l in lines {
        csv.row([
            l.person_id.to_string(),
            l.person.clone(),
            l.date.clone(),
            l.line.time.clone(),
            l.line.kind.clone(),
            l.line.other.clone(),
            l.line.minutes.to_string(),
            l.transport_yen.to_string(),
            l.fee_yen.to_string(),
            l.line.state.clone(),
        ]);
    }
    csv.finish()
}

/// センター集計 as CSV: one row per area and a 合計 row, then after an empty line the month's
/// member counts and time to acceptance.
pub fn centre_csv(month: &str, centre: &CentreView) -> String {
    let mut csv = Csv::new();
    csv.row([
        "年月",
        "地域",
        "依頼件数",
        "成立件数",
        "未成立件数",
        "取消件数",
        "充足率（%）",
        "活動件数",
        "うち確認待ち",
        "活動時間（分）",
        "活動の金額（円）",
        "キャンセル料（円）",
    ]);
    for row in centre.areas.iter().chain([&centre.total]) {
        csv.row([
            month.to_string(),
            row.area.clone(),
            row.requests.to_string(),
            row.matched.to_string(),
            row.unfilled.to_string(),
            row.cancelled.to_string(),
            row.fill_rate.clone(),
            row.sums.activities.to_string(),
            row.sums.awaiting.to_string(),
            row.sums.minutes.to_string(),
            row.sums.fees_yen.to_string(),
            row.sums.cancellation_yen.to_string(),
        ]);
    }
    csv.blank();
    csv.row(["年月", "項目", "値"]);
    let (asks, helps, both) = centre.members;
    for (item, value) in [
        ("依頼会員数", asks.to_string()),
        ("提供会員数", helps.to_string()),
        ("両方会員数", both.to_string()),
        ("引き受けまでの時間 中央値（分）", centre.median_minutes.clone()),
        ("引き受けまでの時間 90パーセンタイル（分）", centre.p90_minutes.clone()),
    ] {
        csv.row([month, item, &value]);
    }
    csv.finish()
}
