//! `…/classes/{grade}/{class}`: a class's children, each with her guardians, whether she has
//! joined, and the guardians' addresses our mail does not reach (with 指定受信 help).

use crate::components::{alert, footer, link, pager, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

/// A guardian of a child on the class list.
#[derive(Debug, Clone, Default)]
pub struct GuardianLine {
    pub nickname: String,
    /// What is wrong with her addresses, in plain words; empty when mail reaches her.
    pub mail_problems: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ClassChild {
    pub name: String,
    /// She has a 申込コード.
    pub has_code: bool,
    /// Guardians waiting for approval.
    pub pending: usize,
    pub guardians: Vec<GuardianLine>,
}

pub fn class_child(ctx: &Ctx, child: &ClassChild) -> Markup {
    html! {
        div {
            (child.name) "："
            @if child.guardians.is_empty() { "未登録" } @else { "登録済み" }
            @if !child.has_code { "・申込コードなし" }
            @if child.pending > 0 { "・承認待ち" (child.pending) "件" }
            @for guardian in &child.guardians {
                div {
                    "　" (guardian.nickname) "さん"
                    @for problem in &guardian.mail_problems { " " (alert(ctx, problem)) }
                }
            }
        }
    }
}

pub struct ClassView<'a> {
    pub school: i64,
    /// 「2年1組」.
    pub label: String,
    /// This page's own path (for the pager).
    pub path: String,
    /// The letters of this class to print (PC).
    pub letters_path: String,
    pub list: ListPage<'a>,
    pub empty: bool,
    /// Some guardian's mail bounces: explain 指定受信.
    pub bounces: bool,
}

pub fn class(ctx: &Ctx, view: &ClassView<'_>) -> String {
    page(
        ctx,
        &format!("{} 名簿", view.label),
        html! {
            @if view.empty { div { "このクラスには子どもがいません。" } }
            @for item in view.list.items { (item) }
            (pager(ctx, &view.path, view.list.page, view.list.pages))
            @if view.bounces {
                div {
                    "メールが届かない保護者には、ケータイの「指定受信（受信リスト）」にこのサービスのドメインを登録するよう、お伝えください。設定の方法は "
                    (link(ctx, "/help/mail", "メールが届かないとき", None))
                    " にあります。アドレスが無効な方は、マイページでアドレスを登録し直していただく必要があります。"
                }
            }
            div { (link(ctx, &view.letters_path, "このクラスのお手紙を印刷する（パソコン）", None)) }
            div { (link(ctx, &format!("/notebook/schools/{}", view.school), "学校の連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
