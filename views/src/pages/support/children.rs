//! `/support/children`: a family's children, and the form to add or change one.

use crate::components::{alert, footer, form, label, link, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct ChildItem {
    pub id: i64,
    pub name: String,
    /// 「2021年4月2日生（5歳）」
    pub born: String,
    pub notes: String,
}

#[derive(Debug, Clone)]
pub struct ChildrenView {
    pub children: Vec<ChildItem>,
    pub notice: Option<String>,
}

pub fn children(ctx: &Ctx, view: &ChildrenView) -> String {
    page(
        ctx,
        "子どもの登録",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if view.children.is_empty() { div { "まだ登録されていません。" } }
            @for c in &view.children {
                div {
                    (link(ctx, &format!("/support/children/{}", c.id), &c.name, None))
                    " " (c.born)
                }
                @if !c.notes.is_empty() { div { "メモ：" (c.notes) } }
            }
            div { (link(ctx, "/support/children/new", "子どもを追加する", Some(1))) }
            div { (link(ctx, "/support", "送迎・あずかり支援へ", None)) }
            (footer(ctx))
        },
    )
}

/// The child form as typed (or as stored).
#[derive(Debug, Clone, Default)]
pub struct ChildForm {
    pub name: String,
    /// 「2021-04-02」
    pub birth: String,
    pub notes: String,
}

#[derive(Debug, Clone)]
pub struct ChildFormView {
    /// None for a new child.
    pub id: Option<i64>,
    pub form: ChildForm,
    pub error: Option<String>,
}

pub fn child_form(ctx: &Ctx, view: &ChildFormView) -> String {
    let action = match view.id {
        Some(id) => format!("/support/children/{id}"),
        None => "/support/children/new".to_string(),
    };
    page(
        ctx,
        if view.id.is_some() {
            "子どもの登録内容"
        } else {
            "子どもを追加"
        },
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (form(ctx, &action, true, html! {
                (label("名前"))
                (text_input(ctx, "name", &view.form.name, InputKind::Japanese, 16))
                (label("生年月日（例 2021-04-02）"))
                (text_input(ctx, "birth", &view.form.birth, InputKind::Number, 10))
                (label("メモ（アレルギー、保育園・学校など）"))
                (text_input(ctx, "notes", &view.form.notes, InputKind::Japanese, 24))
                div { (submit("保存する")) }
            }))
            @if let Some(id) = view.id {
                (form(ctx, &format!("/support/children/{id}/remove"), true, html! {
                    (submit("登録から外す"))
                }))
            }
            div { (link(ctx, "/support/children", "子どもの一覧へ", None)) }
            (footer(ctx))
        },
    )
}
