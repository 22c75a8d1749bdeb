//! `/notebook`: a guardian's children and menu, pending joins, the code form for someone without a
//! family, and a teacher's schools.

use super::join::code_form;
use super::ChildLine;
use crate::components::{alert, footer, link, menu, subheading};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct StartView {
    pub children: Vec<ChildLine>,
    /// Children waiting for the school's approval.
    pub pending: Vec<ChildLine>,
    /// Messages she has not opened yet.
    pub unread: i64,
    /// The schools she works on as staff: (id, name).
    pub schools: Vec<(i64, String)>,
    pub notice: Option<String>,
}

pub fn start(ctx: &Ctx, view: &StartView) -> String {
    let messages = if view.unread > 0 {
        format!("お知らせ（未読{}件）", view.unread)
    } else {
        "お知らせ".to_string()
    };
    page(
        ctx,
        "連絡帳",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if !view.children.is_empty() {
                (subheading(ctx, "お子さん"))
                @for child in &view.children {
                    div { (child.name) "（" (child.school) " " (child.class) "）" }
                }
            }
            @if !view.pending.is_empty() {
                (subheading(ctx, "承認待ち"))
                @for child in &view.pending {
                    div { (child.name) "（" (child.school) " " (child.class) "）承認待ち" }
                }
                div { "学校が確認すると、メールでお知らせします。" }
            }
            @if !view.children.is_empty() {
                (menu(ctx, &[
                    ("/notebook/messages", messages.as_str()),
                    ("/notebook/absences/new", "欠席・遅刻の連絡"),
                    ("/notebook/home", "伝言板"),
                    ("/notebook/join", "子どもを追加"),
                    ("/notebook/family", "家族"),
                ]))
            } @else if view.pending.is_empty() {
                div { "学校からのお知らせを受け取ったり、欠席を連絡したりできる連絡帳です。" }
                div { "学校からのお手紙にある申込コードを入力すると、お子さんを登録できます。" }
                (code_form(ctx, ""))
            } @else {
                div { (link(ctx, "/notebook/join", "ほかの子どもを追加", Some(1))) }
            }
            @if !view.schools.is_empty() {
                (subheading(ctx, "学校の先生の方"))
                @for (id, name) in &view.schools {
                    div { (link(ctx, &format!("/notebook/schools/{id}"), name, None)) }
                }
            }
            (footer(ctx))
        },
    )
}
