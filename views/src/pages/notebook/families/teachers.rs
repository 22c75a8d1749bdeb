//! `…/teachers`: the school's staff and their classes; giving a teacher a class or taking it.

use crate::components::{alert, footer, form, hidden, label, link, select, submit};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct TeacherLine {
    pub member_id: i64,
    pub nickname: String,
    /// (grade, class name, 「2年1組」).
    pub classes: Vec<(i32, String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct TeachersView {
    pub school: i64,
    pub teachers: Vec<TeacherLine>,
    /// The roster's classes as choices: ("2/1組", 「2年1組」).
    pub classes: Vec<(String, String)>,
    pub notice: Option<String>,
}

pub fn teachers(ctx: &Ctx, view: &TeachersView) -> String {
    let action = format!("/notebook/schools/{}/teachers", view.school);
    let staff: Vec<(String, String)> = view
        .teachers
        .iter()
        .map(|t| (t.member_id.to_string(), t.nickname.clone()))
        .collect();
    page(
        ctx,
        "先生とクラス",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if view.teachers.is_empty() { div { "この学校の職員が登録されていません。" } }
            @for teacher in &view.teachers {
                div {
                    (teacher.nickname) "："
                    @if teacher.classes.is_empty() { "担任なし" }
                    @for (grade, class_name, label) in &teacher.classes {
                        (form(ctx, &action, true, html! {
                            (hidden("member", &teacher.member_id.to_string()))
                            (hidden("class", &format!("{grade}/{class_name}")))
                            (hidden("action", "unassign"))
                            (label) " " (submit("外す"))
                        }))
                    }
                }
            }
            @if !view.teachers.is_empty() && !view.classes.is_empty() {
                (form(ctx, &action, true, html! {
                    (hidden("action", "assign"))
                    (label("先生"))
                    (select("member", &staff, ""))
                    (label("クラス"))
                    (select("class", &view.classes, ""))
                    div { (submit("担任にする")) }
                }))
            }
            div { (link(ctx, &format!("/notebook/schools/{}", view.school), "学校の連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
