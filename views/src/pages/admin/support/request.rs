//! One request for the coordinators: what was asked, the live ranking with each part's points
//! and reason, the waves and each offer's state, the log, assigning by hand, cancelling.

use crate::components::{alert, footer, form, label, select, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::html;

#[derive(Debug, Clone)]
pub struct RankedRow {
    pub supporter_id: i64,
    pub name: String,
    pub total: i32,
    /// (reason, points) per part.
    pub parts: Vec<(String, i32)>,
}

#[derive(Debug, Clone)]
pub struct ExcludedRow {
    pub name: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct OfferRow {
    pub wave: i32,
    pub position: i32,
    pub name: String,
    pub score: i32,
    pub reason: String,
    pub state: String,
    pub answered: String,
}

#[derive(Debug, Clone)]
pub struct AdminRequestView {
    pub id: i64,
    pub notice: Option<String>,
    pub family: String,
    pub when: String,
    pub kind: String,
    pub urgent: bool,
    pub children: String,
    pub places: String,
    pub note: String,
    pub state: String,
    pub supporter: Option<String>,
    pub cancelled: Option<String>,
    pub eligible: Vec<RankedRow>,
    pub excluded: Vec<ExcludedRow>,
    pub offers: Vec<OfferRow>,
    /// (time, who, action, detail).
    pub log: Vec<(String, String, String, String)>,
    pub can_assign: bool,
    pub can_cancel: bool,
    pub cancel_fee: Option<String>,
    /// (id, name) of every supporter who could be assigned.
    pub assignable: Vec<(String, String)>,
}

pub fn request_page(ctx: &Ctx, view: &AdminRequestView) -> String {
    console_page(
        ctx,
        &format!("依頼 #{}", view.id),
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            table {
                tr { th { "依頼会員" } td { (view.family) } }
                tr { th { "日時" } td { (view.when) @if view.urgent { " 【急ぎ】" } } }
                tr { th { "内容" } td { (view.kind) } }
                @if !view.places.is_empty() { tr { th { "場所" } td { (view.places) } } }
                tr { th { "お子さん" } td { (view.children) } }
                @if !view.note.is_empty() { tr { th { "連絡事項" } td { (view.note) } } }
                tr { th { "状態" } td { (view.state) } }
                @if let Some(s) = &view.supporter { tr { th { "提供会員" } td { (s) } } }
                @if let Some(c) = &view.cancelled { tr { th { "取り消し" } td { (c) } } }
            }
            (subheading(ctx, "順位（いまの計算）"))
            table {
                tr { th { "順" } th { "提供会員" } th { "点" } th { "内訳" } }
                @for (i, row) in view.eligible.iter().enumerate() {
                    tr {
                        td { (i + 1) }
                        td { (row.name) }
                        td { (row.total) }
                        td { @for (reason, points) in &row.parts { (reason) "：" (points) "点" br; } }
                    }
                }
            }
            @if !view.excluded.is_empty() {
                (subheading(ctx, "対象外"))
                table {
                    @for row in &view.excluded { tr { td { (row.name) } td { (row.reason) } } }
                }
            }
            (subheading(ctx, "お知らせ（波）"))
            @if view.offers.is_empty() { div { "まだお知らせしていません。" } }
            table {
                @for o in &view.offers {
                    tr {
                        td { "第" (o.wave) "陣" } td { (o.position) "位" } td { (o.name) }
                        td { (o.score) "点" } td { (o.state) } td { (o.answered) }
                    }
                }
            }
            @if view.can_assign {
                (subheading(ctx, "手動で割り当てる"))
                (form(ctx, &format!("/admin/support/requests/{}/assign", view.id), true, html! {
                    (select("supporter", &view.assignable, ""))
                    (submit("割り当てる"))
                }))
            }
            @if view.can_cancel {
                (subheading(ctx, "取り消す"))
                @if let Some(fee) = &view.cancel_fee { div { "キャンセル料：" (fee) } }
                (form(ctx, &format!("/admin/support/requests/{}/cancel", view.id), true, html! {
                    (label("理由"))
                    (text_input(ctx, "reason", "", InputKind::Japanese, 30))
                    (submit("取り消す"))
                }))
            }
            (subheading(ctx, "記録"))
            table {
                @for (at, who, action, detail) in &view.log {
                    tr { td { (at) } td { (who) } td { (action) } td { (detail) } }
                }
            }
            (footer(ctx))
        },
    )
}
