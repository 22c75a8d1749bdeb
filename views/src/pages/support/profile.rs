//! `/support/profile`: what a 提供会員 offers — her home area, the areas she covers, her skills and
//! monthly limit — and pausing or resuming.

use crate::components::{alert, checkbox, footer, form, label, link, select, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// The form as typed (or as stored).
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub home_area: String,
    /// Ids of the areas checked.
    pub areas: Vec<String>,
    /// Skill values checked (`infant`, `after_illness`, `car`, `siblings`).
    pub skills: Vec<String>,
    pub monthly_limit: String,
}

#[derive(Debug, Clone)]
pub struct ProfileView {
    pub form: ProfileForm,
    /// (id, name) of the city's areas.
    pub areas: Vec<(String, String)>,
    /// (value, label) of the skills.
    pub skills: Vec<(String, String)>,
    pub active: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn profile(ctx: &Ctx, view: &ProfileView) -> String {
    page(
        ctx,
        "提供内容",
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            @if !view.active { (alert(ctx, "いまは休止中です。依頼のお知らせは届きません。")) }
            (form(ctx, "/support/profile", true, html! {
                (label("お住まいの地域"))
                (select("home_area", &view.areas, &view.form.home_area))
                (label("活動できる地域"))
                @for (id, name) in &view.areas {
                    (checkbox("area", id, name, view.form.areas.contains(id)))
                }
                (label("できること"))
                @for (value, text) in &view.skills {
                    (checkbox("skill", value, text, view.form.skills.contains(value)))
                }
                (label("1か月の活動の上限（0〜62回）"))
                (text_input(ctx, "monthly_limit", &view.form.monthly_limit, InputKind::Number, 3)) "回"
                div { (submit("保存する")) }
            }))
            (form(ctx, "/support/profile/active", true, html! {
                @if view.active {
                    input type="hidden" name="active" value="0";
                    (submit("休止する"))
                } @else {
                    input type="hidden" name="active" value="1";
                    (submit("再開する"))
                }
            }))
            div { (link(ctx, "/support/availability", "活動できる日時", None)) }
            div { (link(ctx, "/support", "送迎・あずかり支援へ", None)) }
            (footer(ctx))
        },
    )
}
