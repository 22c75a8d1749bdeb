//! `/admin/support/supporters`: every 提供会員 with her vetting state, filtered and paged; and one
//! supporter's page where coordinators record 講習, 面談, insurance and pause or resume her.

use crate::components::{alert, filter_form, footer, form, label, link, pager, submit, text_input, ListPage};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

/// One supporter in the list.
#[derive(Debug, Clone)]
pub struct SupporterRow {
    pub id: i64,
    pub name: String,
    /// 「依頼可」 or why not (「講習未修了」 …).
    pub state: String,
    pub offerable: bool,
    /// 「2026-01-10」 or 「未」.
    pub course: String,
    pub interview: String,
    /// 「2026-04-01〜2027-03-31」 or 「未登録」.
    pub insurance: String,
    /// 「期限切れ」, 「期限間近」 or empty.
    pub insurance_mark: String,
    pub active: bool,
    pub areas: String,
    pub skills: String,
    pub limit: i32,
}

pub fn supporter_row(ctx: &Ctx, r: &SupporterRow) -> Markup {
    html! {
        div {
            (link(ctx, &format!("/admin/support/supporters/{}", r.id), &r.name, None))
            " "
            @if r.offerable { (r.state) } @else { (alert(ctx, &r.state)) }
        }
        div {
            "講習 " (r.course) " / 面談 " (r.interview) " / 保険 " (r.insurance)
            @if !r.insurance_mark.is_empty() { "（" b { (r.insurance_mark) } "）" }
            @if !r.active { " / 休止中" }
        }
        div { "地域 " (r.areas) " / " (if r.skills.is_empty() { "条件なし" } else { &r.skills }) " / 月" (r.limit) "回まで" }
    }
}

#[derive(Debug, Clone)]
pub struct SupportersView {
    /// (value, label) of the state filter, and the chosen one.
    pub states: Vec<(String, String)>,
    pub state: String,
    pub count: usize,
}

pub fn supporters(ctx: &Ctx, view: &SupportersView, list: &ListPage<'_>) -> String {
    console_page(
        ctx,
        "提供会員と審査",
        html! {
            (filter_form(ctx, "/admin/support/supporters", &[("状態", "state", &view.states, &view.state)]))
            div { (view.count) "人" }
            @for item in list.items { (item) }
            (pager(ctx, &format!("/admin/support/supporters?state={}", view.state), list.page, list.pages))
            div {
                (link(ctx, "/admin/support/meetings", "事前打合せ", None)) " "
                (link(ctx, "/admin/support", "センターの管理画面", None))
            }
            (footer(ctx))
        },
    )
}

/// The vetting form as typed (or stored): dates as 「2026-01-10」.
#[derive(Debug, Clone, Default)]
pub struct VettingForm {
    pub course: String,
    pub interview: String,
    pub insurance_from: String,
    pub insurance_until: String,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct SupporterView {
    pub row: SupporterRow,
    pub phone: String,
    pub form: VettingForm,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn supporter_page(ctx: &Ctx, view: &SupporterView) -> String {
    let base = format!("/admin/support/supporters/{}", view.row.id);
    let f = &view.form;
    console_page(
        ctx,
        &format!("{}（提供会員）", view.row.name),
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (supporter_row(ctx, &view.row))
            div { "電話 " (view.phone) }
            (form(ctx, &format!("{base}/vetting"), true, html! {
                (label("講習の修了日（例 2026-01-10、未修了は空欄）"))
                (text_input(ctx, "course", &f.course, InputKind::Number, 10))
                (label("面談の日"))
                (text_input(ctx, "interview", &f.interview, InputKind::Number, 10))
                (label("補償保険の期間（始まり〜終わり）"))
                (text_input(ctx, "insurance_from", &f.insurance_from, InputKind::Number, 10)) "〜"
                (text_input(ctx, "insurance_until", &f.insurance_until, InputKind::Number, 10))
                (label("メモ"))
                (text_input(ctx, "note", &f.note, InputKind::Japanese, 30))
                div { (submit("審査情報を保存")) }
            }))
            (form(ctx, &format!("{base}/active"), true, html! {
                @if view.row.active {
                    input type="hidden" name="active" value="0";
                    (submit("休止にする"))
                } @else {
                    input type="hidden" name="active" value="1";
                    (submit("再開する"))
                }
            }))
            div { (link(ctx, "/admin/support/supporters", "提供会員の一覧", None)) }
            (footer(ctx))
        },
    )
}
