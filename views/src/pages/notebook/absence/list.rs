//! `/notebook/absences`: the family's notices, newest first, with the teacher's 確認済み mark.

use crate::components::{alert, footer, link, pager, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct AbsenceItem {
    /// 「12/04（金）」
    pub day: String,
    pub child: String,
    pub kind: String,
    pub reason: String,
    pub note: String,
    /// 「12/04 08:12 確認済み」, or None while unread.
    pub confirmed: Option<String>,
}

pub fn absence_item(item: &AbsenceItem) -> Markup {
    html! {
        div {
            (item.day) " " (item.child) " " (item.kind) "（" (item.reason) "）"
            @if !item.note.is_empty() { br; (item.note) }
            br;
            @match &item.confirmed {
                Some(at) => { "【確認済み】" (at) }
                None => { "【未確認】" }
            }
        }
    }
}

pub fn absence_list(ctx: &Ctx, list: &ListPage<'_>, empty: bool, notice: Option<&str>) -> String {
    page(
        ctx,
        "欠席・遅刻・早退の連絡",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            div { (link(ctx, "/notebook/absences/new", "新しく連絡する", Some(1))) }
            @if empty { div { "まだ連絡はありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, "/notebook/absences", list.page, list.pages))
            (footer(ctx))
        },
    )
}

/// A guardian who has not joined a family yet.
pub fn no_family(ctx: &Ctx) -> String {
    page(
        ctx,
        "欠席・遅刻・早退の連絡",
        html! {
            div { "連絡帳にお子さんが登録されていません。学校からのお知らせにある申込コードで登録してください。" }
            div { (link(ctx, "/notebook/join", "申込コードを入力する", Some(1))) }
            (footer(ctx))
        },
    )
}
