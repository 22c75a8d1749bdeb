//! Coordinators' child-watch pages: the schools, and the audit log of staff views of children.

use crate::components::{alert, footer, form, label, link, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::html;

#[derive(Debug, Clone)]
pub struct SchoolRow {
    pub id: i64,
    pub name: String,
    pub children: usize,
    pub readers: usize,
    /// Readers reported silent.
    pub offline: usize,
}

pub fn schools(ctx: &Ctx, rows: &[SchoolRow], error: Option<&str>) -> String {
    console_page(
        ctx,
        "見守りの設定",
        html! {
            @if let Some(error) = error { (alert(ctx, error)) }
            @if rows.is_empty() { div { "学校はまだありません。" } }
            @else {
                table {
                    tr { th { "学校" } th { "児童" } th { "読み取り機" } th { "ボード" } }
                    @for s in rows {
                        tr {
                            td { (link(ctx, &format!("/admin/watch/schools/{}", s.id), &s.name, None)) }
                            td { (s.children) "人" }
                            td {
                                (s.readers) "台"
                                @if s.offline > 0 { (alert(ctx, &format!("応答なし {}台", s.offline))) }
                            }
                            td { (link(ctx, &format!("/watch/schools/{}", s.id), "見守りボード", None)) }
                        }
                    }
                }
            }
            (form(ctx, "/admin/watch/schools", true, html! {
                (label("学校を追加"))
                (text_input(ctx, "name", "", InputKind::Japanese, 20))
                (submit("追加"))
            }))
            div { (link(ctx, "/admin/watch/import", "名簿の取り込み（CSV）", None)) }
            div { (link(ctx, "/admin/watch/audit", "閲覧の記録（監査ログ）", None)) }
            (footer(ctx))
        },
    )
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    /// 「11/23 08:41」
    pub at: String,
    pub member: String,
    pub action: String,
    pub child: String,
}

pub fn audit(ctx: &Ctx, rows: &[AuditRow], limit: usize) -> String {
    console_page(
        ctx,
        "閲覧の記録",
        html! {
            div { "先生とコーディネーターが児童の記録を見た日時です（新しい順、最大" (limit) "件）。" }
            (subheading(ctx, "記録"))
            @if rows.is_empty() { div { "まだありません。" } }
            @else {
                table {
                    tr { th { "日時" } th { "会員" } th { "内容" } th { "児童" } }
                    @for r in rows { tr { td { (r.at) } td { (r.member) } td { (r.action) } td { (r.child) } } }
                }
            }
            div { (link(ctx, "/admin/watch", "見守りの設定", None)) }
            (footer(ctx))
        },
    )
}
