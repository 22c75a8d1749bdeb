//! コミュニティをつくる (`/communities/new`): a member proposes a community; a coordinator approves it.

use crate::components::{alert, footer, form, label, select, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct NewCommunityView {
    pub areas: Vec<(String, String)>,
    pub name: String,
    pub description: String,
    pub area: String,
    /// What was wrong with the last submission.
    pub problems: Vec<String>,
}

pub fn new_community(ctx: &Ctx, view: &NewCommunityView) -> String {
    page(
        ctx,
        "コミュニティをつくる",
        html! {
            div { "コーディネーターが内容を確認してから公開します。" }
            @for p in &view.problems { (alert(ctx, p)) }
            (form(ctx, "/communities/new", true, html! {
                (label("コミュニティ名（30文字まで）"))
                (text_input(ctx, "name", &view.name, InputKind::Japanese, 20))
                (label("説明（1000文字まで）"))
                (text_area(ctx, "description", &view.description, 4))
                (label("地域"))
                (select("area", &view.areas, &view.area))
                br;
                (submit("提案する"))
            }))
            (footer(ctx))
        },
    )
}
