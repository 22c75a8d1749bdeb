//! The matched supporter's page of one activity: when and what, the family's details while she
//! may see them, the 受け渡しコード form, and the activity report (link, or what was reported).

use crate::components::{
    alert, choice, footer, form, label, link, separator, subheading, submit, text_area, text_input,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct ActivityView {
    /// 「/support/activities/12」, or 「/support/h/<token>」 without a password.
    pub base: String,
    /// 「12/07（月）」
    pub day: String,
    /// 「10:00〜12:00」
    pub times: String,
    /// 「送迎（車）」「あずかり（依頼会員の家）」
    pub kind: String,
    pub urgent: bool,
    /// What the family reads of the request's state.
    pub status: String,
    /// None when she may not see them (cancelled, or not hers any more).
    pub family: Option<FamilyDetails>,
    pub cancelled: bool,
    pub handover: HandoverState,
    pub report: ReportState,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// What only the matched supporter sees.
#[derive(Debug, Clone)]
pub struct FamilyDetails {
    pub name: String,
    pub address: String,
    pub phone: String,
    /// 送迎: 「さくら保育園 → 自宅」; あずかり: where.
    pub places: Option<String>,
    pub note: String,
    pub children: Vec<ChildLine>,
}

#[derive(Debug, Clone)]
pub struct ChildLine {
    pub name: String,
    /// 「4歳」「8か月」
    pub age: String,
    pub notes: String,
    pub after_illness: bool,
}

#[derive(Debug, Clone)]
pub enum HandoverState {
    /// The code may be typed; `left` wrong entries are allowed.
    Enter {
        left: u32,
    },
    Recorded {
        at: String,
    },
    Locked,
    /// Nothing to hand over (cancelled).
    None,
}

#[derive(Debug, Clone)]
pub enum ReportState {
    /// Not yet: the report opens at the start or after the handover.
    NotYet,
    Open,
    Done {
        times: String,
        fee_lines: Vec<String>,
        answer: String,
    },
    None,
}

pub fn activity(ctx: &Ctx, view: &ActivityView) -> String {
    page(
        ctx,
        "活動の詳細",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (view.day) " " (view.times) @if view.urgent { " 急ぎ" } }
            div { (view.kind) }
            div { "状態：" (view.status) }
            @if view.cancelled {
                div { "この依頼は取り消されました。ご家族の情報は表示できません。" }
            }
            @if let Some(family) = &view.family { (details(ctx, family)) }
            (handover(ctx, view))
            (report(ctx, view))
            (separator(ctx))
            div { (link(ctx, "/support/offers", "依頼と活動の一覧", Some(9))) }
            (footer(ctx))
        },
    )
}

fn details(ctx: &Ctx, family: &FamilyDetails) -> Markup {
    html! {
        (subheading(ctx, "ご家族"))
        div { (family.name) "さん" }
        div { "住所：" (family.address) }
        div { "電話：" (family.phone) }
        @if let Some(places) = &family.places { div { "場所：" (places) } }
        @for child in &family.children {
            div {
                (child.name) "（" (child.age) "）"
                @if child.after_illness { " 病後児" }
                @if !child.notes.is_empty() { br; "　" (child.notes) }
            }
        }
        @if !family.note.is_empty() { div { "依頼のメモ：" (family.note) } }
    }
}

fn handover(ctx: &Ctx, view: &ActivityView) -> Markup {
    html! {
        @match &view.handover {
            HandoverState::Enter { left } => {
                (subheading(ctx, "受け渡しコード"))
                (form(ctx, &format!("{}/handover", view.base), true, html! {
                    (label("お子さんを受け取るとき、保護者の方から聞いた4けたの数字を入力してください。"))
                    (text_input(ctx, "code", "", InputKind::Number, 4))
                    (submit("記録する"))
                }))
                div { "あと" (left) "回まで入力できます。" }
            }
            HandoverState::Recorded { at } => { div { "受け渡し：" (at) "に記録済み" } }
            HandoverState::Locked => {
                (alert(ctx, "受け渡しコードの間違いが続いたため、入力できなくなりました。ファミリー・サポート・センター（アドバイザー）にお電話でご連絡ください。"))
            }
            HandoverState::None => {}
        }
    }
}

fn report(ctx: &Ctx, view: &ActivityView) -> Markup {
    html! {
        @match &view.report {
            ReportState::NotYet => { div { "活動が始まると、ここから活動報告ができます。" } }
            ReportState::Open => { div { (link(ctx, &format!("{}/report", view.base), "活動報告をする", Some(5))) } }
            ReportState::Done { times, fee_lines, answer } => {
                (subheading(ctx, "活動報告"))
                div { "時間：" (times) }
                @for line in fee_lines { div { (line) } }
                div { (answer) }
            }
            ReportState::None => {}
        }
    }
}

/// The report form's fields as typed (kept when something was wrong).
#[derive(Debug, Clone)]
pub struct ReportFormView {
    pub base: String,
    pub day: String,
    /// The booked times.
    pub booked: String,
    pub start_hour: String,
    pub start_minute: String,
    pub end_hour: String,
    pub end_minute: String,
    pub next_day: bool,
    pub transport: String,
    pub note: String,
    pub error: Option<String>,
}

pub fn report_form(ctx: &Ctx, view: &ReportFormView) -> String {
    let hours: Vec<String> = (0..24).map(|h| h.to_string()).collect();
    let minutes: Vec<String> = (0..60).step_by(5).map(|m| format!("{m:02}")).collect();
    page(
        ctx,
        "活動報告",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (view.day) " 予定 " (view.booked) }
            (form(ctx, &format!("{}/report", view.base), true, html! {
                (label("始まり"))
                div { (choice("start_hour", &hours, &view.start_hour)) "時" (choice("start_minute", &minutes, &view.start_minute)) "分" }
                (label("終わり"))
                div {
                    (choice("end_hour", &hours, &view.end_hour)) "時" (choice("end_minute", &minutes, &view.end_minute)) "分"
                }
                (crate::components::checkbox("next_day", "1", "翌日（夜中の0時を過ぎて終わった）", view.next_day))
                (label("交通費（円）"))
                (text_input(ctx, "transport", &view.transport, InputKind::Number, 6))
                (label("ご家族へのひとこと"))
                (text_area(ctx, "note", &view.note, 3))
                (submit("報告する"))
            }))
            (separator(ctx))
            div { (link(ctx, &view.base, "活動の詳細へ戻る", Some(9))) }
            (footer(ctx))
        },
    )
}
