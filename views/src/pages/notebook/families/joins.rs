//! `…/joins`: guardians waiting for the school's approval, each with approve and refuse.

use crate::components::{alert, footer, form, hidden, link, pager, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone, Default)]
pub struct JoinItem {
    pub id: i64,
    /// 「はなママ（山田花子）」.
    pub guardian: String,
    /// 「2年1組 やまだ ゆうた」.
    pub child: String,
    /// 「12/3 8:05」.
    pub asked: String,
}

pub fn join_item(ctx: &Ctx, school: i64, item: &JoinItem) -> Markup {
    let action = format!("/notebook/schools/{school}/joins/{}", item.id);
    html! {
        div {
            (item.child) "：" (item.guardian) "さん（" (item.asked) "）"
            (form(ctx, &action, true, html! {
                (hidden("decision", "approve")) (submit("承認する"))
            }))
            (form(ctx, &action, true, html! {
                (hidden("decision", "refuse")) (submit("お断りする"))
            }))
        }
    }
}

pub fn joins(ctx: &Ctx, school: i64, list: &ListPage<'_>, empty: bool, notice: Option<&str>) -> String {
    let base = format!("/notebook/schools/{school}/joins");
    page(
        ctx,
        "登録の承認",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            @if empty { div { "承認待ちの登録はありません。" } }
            @else { div { "申込コードで登録した保護者です。お子さんの保護者か確かめてから承認してください。" } }
            @for item in list.items { (item) }
            (pager(ctx, &base, list.page, list.pages))
            div { (link(ctx, &format!("/notebook/schools/{school}"), "学校の連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
