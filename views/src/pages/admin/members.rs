//! Coordinators' member pages: new members waiting for approval, with their real names and the
//! role each asked for, and what the last decision did.

use crate::components::{alert, footer, form, hidden, submit};
use crate::ctx::Ctx;
use crate::layout::console_page;
use maud::html;

#[derive(Debug, Clone)]
pub struct PendingMember {
    pub id: i64,
    pub nickname: String,
    pub real_name: String,
    pub area: String,
    /// The roles she asked for at registration, as members read them (e.g. 提供会員).
    pub roles: String,
    pub addresses: Vec<String>,
    pub registered: String,
}

/// `notice`: what the decision just made did (承認しました …), said after its redirect.
pub fn pending(ctx: &Ctx, members: &[PendingMember], notice: Option<&str>) -> String {
    console_page(
        ctx,
        "承認待ちの会員",
        html! {
            @if let Some(notice) = notice { (alert(ctx, notice)) }
            @if members.is_empty() { div { "承認待ちの会員はいません。" } }
            @for m in members {
                div { (m.real_name) "（" (m.nickname) "）" }
                div { "希望：" (m.roles) }
                div { (m.area) " / 登録 " (m.registered) }
                @for a in &m.addresses { div { (a) } }
                (form(ctx, "/admin/members/approve", true, html! {
                    (hidden("id", &m.id.to_string())) (submit("承認する"))
                }))
                (form(ctx, "/admin/members/suspend", true, html! {
                    (hidden("id", &m.id.to_string())) (submit("承認しない"))
                }))
                hr;
            }
            (footer(ctx))
        },
    )
}
