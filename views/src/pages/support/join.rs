//! `/support/join`: becoming (or changing how one is) 依頼会員, 提供会員 or 両方会員.

use crate::components::{alert, footer, form, label, link, select, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// The form as typed (or as stored).
#[derive(Debug, Clone, Default)]
pub struct JoinForm {
    /// asks, helps or both.
    pub membership: String,
    pub phone: String,
    pub address: String,
    /// The supporter's home area (only asked when her member record has none).
    pub home_area: String,
}

#[derive(Debug, Clone)]
pub struct JoinView {
    pub form: JoinForm,
    /// Already enrolled: the form changes her enrolment.
    pub enrolled: bool,
    /// (id, name) choices for the home area; empty when not asked.
    pub areas: Vec<(String, String)>,
    pub error: Option<String>,
}

pub fn join(ctx: &Ctx, view: &JoinView) -> String {
    let memberships = [
        ("asks".to_string(), "依頼会員（手助けを頼む）".to_string()),
        ("helps".to_string(), "提供会員（手助けをする）".to_string()),
        ("both".to_string(), "両方会員（どちらも）".to_string()),
    ];
    page(
        ctx,
        if view.enrolled {
            "会員の登録内容"
        } else {
            "会員になる"
        },
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (form(ctx, "/support/join", true, html! {
                (label("会員の種類"))
                (select("membership", &memberships, &view.form.membership))
                (label("電話番号（例 090-1234-5678）"))
                (text_input(ctx, "phone", &view.form.phone, InputKind::Number, 14))
                (label("住所（あずかりや送迎の相手にだけ、決まったときに伝えます）"))
                (text_input(ctx, "address", &view.form.address, InputKind::Japanese, 24))
                @if !view.areas.is_empty() {
                    (label("お住まいの地域（提供会員）"))
                    (select("home_area", &view.areas, &view.form.home_area))
                }
                div { (submit(if view.enrolled { "変更する" } else { "登録する" })) }
            }))
            div { "電話番号と住所は、活動が決まった相手にだけ伝わります。" }
            div { (link(ctx, "/support", "送迎・あずかり支援へ", None)) }
            (footer(ctx))
        },
    )
}
