//! お知らせの管理 (coordinators): the list of notices with a form to add one, or the form to edit one.

use crate::components::{alert, footer, form, label, link, subheading, submit, text_area, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::html;

/// A notice's fields as typed (the form shows them again after an error).
#[derive(Debug, Clone, Default)]
pub struct NoticeForm {
    pub title: String,
    /// "2026-12-03": the day it appears on the top page.
    pub date: String,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct AdminNoticeRow {
    pub id: i64,
    /// 「2026/12/03」
    pub date: String,
    pub title: String,
    /// Dated later than today: not shown yet.
    pub scheduled: bool,
}

#[derive(Debug, Clone)]
pub struct AdminNoticesView {
    pub rows: Vec<AdminNoticeRow>,
    pub form: NoticeForm,
    /// Where the form posts: the list (add) or one notice (save).
    pub action: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn admin_notices(ctx: &Ctx, view: &AdminNoticesView, editing: Option<i64>) -> String {
    let f = &view.form;
    console_page(
        ctx,
        if editing.is_some() {
            "お知らせの編集"
        } else {
            "お知らせの管理"
        },
        html! {
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (subheading(ctx, if editing.is_some() { "内容を直す" } else { "お知らせを書く" }))
            (form(ctx, &view.action, true, html! {
                (label("題名"))
                (text_input(ctx, "title", &f.title, InputKind::Japanese, 30))
                (label("公開日（例 2026-12-03。この日からトップページに出ます）"))
                (text_input(ctx, "date", &f.date, InputKind::Number, 10))
                (label("本文"))
                (text_area(ctx, "body", &f.body, 8))
                (submit(if editing.is_some() { "保存" } else { "追加" }))
            }))
            @if let Some(id) = editing {
                (form(ctx, &format!("/admin/notices/{id}/delete"), true, html! {
                    (submit("このお知らせを削除"))
                }))
                div { (link(ctx, "/admin/notices", "一覧に戻る", None)) }
            }
            (subheading(ctx, "これまでのお知らせ"))
            @for row in &view.rows {
                div {
                    (row.date) " "
                    (link(ctx, &format!("/admin/notices/{}", row.id), &row.title, None))
                    @if row.scheduled { "（公開前）" }
                }
            }
            (footer(ctx))
        },
    )
}
