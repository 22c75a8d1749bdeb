//! `…/codes`: the children's 申込コード, issuing the missing ones, re-issuing one, and the
//! letters to print.

use crate::components::{alert, footer, form, link, pager, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone, Default)]
pub struct CodeItem {
    pub child_id: i64,
    /// 「2年1組 やまだ ゆうた」.
    pub child: String,
    /// 「K7M2-P9QX」, or empty when she has none yet.
    pub code: String,
    /// A guardian has joined her.
    pub joined: bool,
}

pub fn code_item(ctx: &Ctx, school: i64, item: &CodeItem) -> Markup {
    let action = format!("/notebook/schools/{school}/codes/{}/reissue", item.child_id);
    html! {
        div {
            (item.child) "："
            @if item.code.is_empty() { "コードなし" } @else { (item.code) }
            @if item.joined { "（登録済み）" }
            @if !item.code.is_empty() {
                (form(ctx, &action, true, html! { (submit("再発行")) }))
            }
        }
    }
}

pub struct CodesView<'a> {
    pub school: i64,
    pub list: ListPage<'a>,
    /// Children without a code.
    pub missing: usize,
    pub empty: bool,
    pub notice: Option<String>,
}

pub fn codes(ctx: &Ctx, view: &CodesView<'_>) -> String {
    let base = format!("/notebook/schools/{}/codes", view.school);
    page(
        ctx,
        "申込コード",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            div { "保護者は、お子さんの申込コードで連絡帳に登録します。再発行すると、前のコードは使えなくなります。" }
            @if view.missing > 0 {
                (form(ctx, &format!("{base}/issue"), true, html! {
                    div { "コードのない子ども：" (view.missing) "人 " (submit("まとめて発行する")) }
                }))
            }
            div { (link(ctx, &format!("{base}/letters"), "保護者へのお手紙を印刷する（パソコン）", None)) }
            @if view.empty { div { "名簿にまだ子どもがいません。" } }
            @for item in view.list.items { (item) }
            (pager(ctx, &base, view.list.page, view.list.pages))
            div { (link(ctx, &format!("/notebook/schools/{}", view.school), "学校の連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
