//! 支援センター: the coordinators' console. Open requests with their offer waves, unfilled requests,
//! pairs awaiting 事前打合せ, supporters by vetting state, the month's fill rate and time to
//! acceptance, disputes and the latest log, in columns across a PC screen (one column on a phone).

use crate::components::{alert, footer, link, subheading};
use crate::ctx::Ctx;
use crate::layout::styled_page;
use maud::html;

/// Columns that fill a PC screen and fall into one on a narrow one.
const CONSOLE_STYLE: &str = "body{max-width:96em}.cols{display:flex;flex-wrap:wrap;gap:0 1.5em}\
.cols>section{flex:1 1 28em;min-width:0}.wide{flex-basis:100%}table{width:100%;font-size:.95em}\
td.n,th.n{text-align:right}.urgent{color:#c00;font-weight:bold}.offers{font-size:.9em}\
.kpi{display:inline-block;margin:0 1.5em .5em 0}.kpi b{font-size:1.4em}";

#[derive(Debug, Clone)]
pub struct OfferCell {
    pub wave: i32,
    pub supporter: String,
    /// 返事待ち, 辞退, …
    pub state: String,
}

/// A request seeking a supporter, or left unfilled.
#[derive(Debug, Clone)]
pub struct RequestRow {
    pub id: i64,
    /// 「12/03（木） 9:00〜11:00」
    pub when: String,
    pub kind: String,
    pub area: String,
    pub family: String,
    pub urgent: bool,
    /// 「2 / 3」
    pub wave: String,
    /// 「14:30」, empty when none.
    pub deadline: String,
    pub offers: Vec<OfferCell>,
}

#[derive(Debug, Clone)]
pub struct MeetingRow {
    pub when: String,
    pub family: String,
    pub supporter: String,
}

#[derive(Debug, Clone)]
pub struct LogRow {
    pub at: String,
    pub request: Option<i64>,
    pub who: String,
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default)]
pub struct VettingCounts {
    pub offerable: usize,
    pub needs_vetting: usize,
    pub insurance_ending: usize,
    pub paused: usize,
}

#[derive(Debug, Clone)]
pub struct ConsoleView {
    pub open: Vec<RequestRow>,
    pub unfilled: Vec<RequestRow>,
    pub meetings: Vec<MeetingRow>,
    pub vetting: VettingCounts,
    /// `2026-12` and 「2026年12月」
    pub month_key: String,
    pub month_label: String,
    /// 「75%」 or 「—」
    pub fill_rate: String,
    /// 「12分」 or 「—」
    pub median: String,
    pub p90: String,
    pub disputes: i64,
    pub log: Vec<LogRow>,
    /// Reload every so many seconds (PC only).
    pub refresh: Option<u32>,
}

fn request_table(ctx: &Ctx, rows: &[RequestRow], with_waves: bool) -> maud::Markup {
    html! {
        table {
            tr {
                th { "日時" } th { "内容" } th { "地域" } th { "依頼会員" }
                @if with_waves { th { "ウェーブ" } th { "締切" } }
            }
            @for r in rows {
                tr {
                    td {
                        (link(ctx, &format!("/admin/support/requests/{}", r.id), &r.when, None))
                        @if r.urgent { " " span.urgent { "急ぎ" } }
                    }
                    td { (r.kind) } td { (r.area) } td { (r.family) }
                    @if with_waves { td { (r.wave) } td { (r.deadline) } }
                }
                @if with_waves && !r.offers.is_empty() {
                    tr {
                        td.offers colspan="6" {
                            @for (i, o) in r.offers.iter().enumerate() {
                                @if i > 0 { "、" }
                                (o.wave) "回目 " (o.supporter) "：" (o.state)
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn console(ctx: &Ctx, view: &ConsoleView) -> String {
    let v = &view.vetting;
    styled_page(
        ctx,
        "支援センター",
        view.refresh,
        CONSOLE_STYLE,
        html! {
            div {
                span.kpi { (view.month_label) "の充足率 " b { (view.fill_rate) } }
                span.kpi { "引き受けまで 中央値 " b { (view.median) } " ／ 90% " b { (view.p90) } }
                span.kpi {
                    (link(ctx, "/admin/support/disputes", "確認が必要な報告", None)) " " b { (view.disputes) } "件"
                }
            }
            div {
                (link(ctx, &format!("/admin/support/statements?month={}", view.month_key), "月報と請求", None))
                " ｜ " (link(ctx, "/admin/support/supporters", "提供会員と審査", None))
                " ｜ " (link(ctx, "/admin/support/meetings", "事前打合せ", None))
                " ｜ " (link(ctx, "/admin/support/distances", "地域間の距離", None))
                @if view.refresh.is_some() { " ｜ 30秒ごとに更新します" }
            }
            div.cols {
                section.wide {
                    (subheading(ctx, &format!("受付中の依頼（{}件）", view.open.len())))
                    @if view.open.is_empty() { p { "受付中の依頼はありません。" } }
                    @else { (request_table(ctx, &view.open, true)) }
                }
                section {
                    (subheading(ctx, &format!("未成立の依頼（{}件）", view.unfilled.len())))
                    @if view.unfilled.is_empty() { p { "ありません。" } }
                    @else {
                        (alert(ctx, "提供会員が見つかっていません。依頼を開いて手で割り当ててください。"))
                        (request_table(ctx, &view.unfilled, false))
                    }
                }
                section {
                    (subheading(ctx, &format!("事前打合せ待ち（{}組）", view.meetings.len())))
                    @if view.meetings.is_empty() { p { "ありません。" } }
                    @else {
                        table {
                            tr { th { "活動" } th { "依頼会員" } th { "提供会員" } }
                            @for m in &view.meetings { tr { td { (m.when) } td { (m.family) } td { (m.supporter) } } }
                        }
                    }
                    p { (link(ctx, "/admin/support/meetings", "事前打合せを記録する", None)) }
                }
                section {
                    (subheading(ctx, "提供会員"))
                    table {
                        tr { th { "依頼を受けられる" } td.n { (v.offerable) "人" } }
                        tr { th { "審査が必要（講習・面談・保険）" } td.n { (v.needs_vetting) "人" } }
                        tr { th { "保険が30日以内に切れる" } td.n { (v.insurance_ending) "人" } }
                        tr { th { "休止中" } td.n { (v.paused) "人" } }
                    }
                    p { (link(ctx, "/admin/support/supporters", "提供会員の一覧と審査", None)) }
                }
                section {
                    (subheading(ctx, "最近の記録"))
                    @if view.log.is_empty() { p { "まだありません。" } }
                    @else {
                        table {
                            tr { th { "日時" } th { "依頼" } th { "だれが" } th { "内容" } }
                            @for l in &view.log {
                                tr {
                                    td { (l.at) }
                                    td { @if let Some(id) = l.request {
                                        (link(ctx, &format!("/admin/support/requests/{id}"), &format!("#{id}"), None))
                                    } }
                                    td { (l.who) }
                                    td { (l.action) @if !l.detail.is_empty() { "：" (l.detail) } }
                                }
                            }
                        }
                    }
                }
            }
            (footer(ctx))
        },
    )
}
