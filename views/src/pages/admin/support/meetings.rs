//! `/admin/support/meetings`: pairs matched for an activity ahead without a 事前打合せ, with a form
//! to record each; and a form to record a meeting for any family and supporter.

use crate::components::{alert, footer, form, hidden, label, link, select, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::html;

/// A matched pair still to meet.
#[derive(Debug, Clone)]
pub struct AwaitedRow {
    pub request_id: i64,
    /// 「12/24（木） 10:00〜12:00」
    pub when: String,
    pub family_id: i64,
    pub family: String,
    pub supporter_id: i64,
    pub supporter: String,
}

#[derive(Debug, Clone)]
pub struct MeetingsView {
    pub awaited: Vec<AwaitedRow>,
    /// (id, name) choices.
    pub families: Vec<(String, String)>,
    pub supporters: Vec<(String, String)>,
    /// Today, the date fields' first value.
    pub today: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn meetings(ctx: &Ctx, view: &MeetingsView) -> String {
    console_page(
        ctx,
        "事前打合せ",
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "活動が決まり、事前打合せがまだの組" }
            @if view.awaited.is_empty() { div { "ありません。" } }
            @for a in &view.awaited {
                (form(ctx, "/admin/support/meetings", true, html! {
                    div {
                        (link(ctx, &format!("/admin/support/requests/{}", a.request_id), &format!("依頼{}", a.request_id), None))
                        " " (a.when) " " (a.family) "さん と " (a.supporter) "さん"
                    }
                    (hidden("request", &a.request_id.to_string()))
                    (hidden("family", &a.family_id.to_string()))
                    (hidden("supporter", &a.supporter_id.to_string()))
                    "打合せの日 " (text_input(ctx, "met_on", &view.today, InputKind::Number, 10))
                    (submit("記録する"))
                }))
            }
            div { "依頼の前に打合せを記録する" }
            (form(ctx, "/admin/support/meetings", true, html! {
                (label("依頼会員")) (select("family", &view.families, ""))
                (label("提供会員")) (select("supporter", &view.supporters, ""))
                (label("打合せの日（例 2026-12-05）"))
                (text_input(ctx, "met_on", &view.today, InputKind::Number, 10))
                div { (submit("記録する")) }
            }))
            div {
                (link(ctx, "/admin/support/supporters", "提供会員と審査", None)) " "
                (link(ctx, "/admin/support", "センターの管理画面", None))
            }
            (footer(ctx))
        },
    )
}
