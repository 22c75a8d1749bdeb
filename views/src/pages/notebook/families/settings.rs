//! `…/settings`: the school's notebook settings: approval of joins, absence reasons, and the time
//! of the not-arrived mail.

use crate::components::{alert, checkbox, footer, form, label, link, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    pub approve_joins: bool,
    /// One reason per line.
    pub absence_reasons: String,
    /// 「8:45」 or empty.
    pub nudge_at: String,
}

pub fn settings(ctx: &Ctx, school: i64, form_view: &SettingsForm, error: Option<&str>, notice: Option<&str>) -> String {
    let action = format!("/notebook/schools/{school}/settings");
    page(
        ctx,
        "連絡帳の設定",
        html! {
            @if let Some(error) = error { (alert(ctx, error)) }
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            (form(ctx, &action, true, html! {
                div { (checkbox("approve_joins", "1", "登録を先生が承認する（外すと申込コードだけで登録できます）", form_view.approve_joins)) }
                (label("欠席の理由（1行に1つ）"))
                (text_area(ctx, "absence_reasons", &form_view.absence_reasons, 6))
                (label("未登校・連絡なしの家庭にメールする時刻（例 8:45、空欄は送らない）"))
                (text_input(ctx, "nudge_at", &form_view.nudge_at, InputKind::Number, 6))
                div { (submit("保存する")) }
            }))
            div { (link(ctx, &format!("/notebook/schools/{school}"), "学校の連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
