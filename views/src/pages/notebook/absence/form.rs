//! `/notebook/absences/new`: a guardian reports 欠席・遅刻・早退 for one of her children.

use crate::components::{alert, footer, form, label, link, select, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct AbsenceFormView {
    /// (child id, 「ゆうた（2年1組）」); one child is chosen already.
    pub children: Vec<(String, String)>,
    /// (value, label): 今日 / 明日 / 日付を入力.
    pub days: Vec<(String, String)>,
    /// (value, label): 欠席 / 遅刻 / 早退.
    pub kinds: Vec<(String, String)>,
    /// The reasons of the chosen child's school (or the first child's).
    pub reasons: Vec<(String, String)>,
    /// What was typed or chosen, kept when something was wrong.
    pub child: String,
    pub when: String,
    pub date: String,
    pub kind: String,
    pub reason: String,
    pub note: String,
    /// The family's absence mail address (abs-…@).
    pub address: String,
    pub error: Option<String>,
}

pub fn absence_form(ctx: &Ctx, view: &AbsenceFormView) -> String {
    page(
        ctx,
        "欠席・遅刻・早退の連絡",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (form(ctx, "/notebook/absences/new", true, html! {
                (label("お子さん"))
                div { (select("child", &view.children, &view.child)) }
                (label("日付"))
                div { (select("when", &view.days, &view.when)) }
                div { (text_input(ctx, "date", &view.date, InputKind::Number, 10)) }
                div { "（日付を入力するとき：12/5 など）" }
                (label("種類"))
                div { (select("kind", &view.kinds, &view.kind)) }
                (label("理由"))
                div { (select("reason", &view.reasons, &view.reason)) }
                (label("連絡事項（遅刻は登校予定の時刻など）"))
                div { (text_area(ctx, "note", &view.note, 3)) }
                (submit("連絡する"))
            }))
            div { "メールでも連絡できます：" br; (view.address) }
            div { "例：ゆうた 明日 熱のため欠席します" }
            div { (link(ctx, "/notebook/absences", "これまでの連絡", Some(8))) }
            (footer(ctx))
        },
    )
}
