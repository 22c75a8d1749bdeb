//! A family's requests: the form, her list, one request with its state and the cancel form.

use crate::components::{
    alert, checkbox, choice, footer, form, hidden, label, link, pager, select, subheading, submit, text_area,
    text_input, ListPage,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::{html, Markup};

/// What was typed, kept when the form is shown again.
#[derive(Debug, Clone, Default)]
pub struct AskValues {
    pub kind: String,
    pub from_area: String,
    pub from_place: String,
    pub to_area: String,
    pub to_place: String,
    pub by_car: bool,
    pub care_place: String,
    pub day: String,
    pub start_hour: String,
    pub start_minute: String,
    pub end_hour: String,
    pub end_minute: String,
    pub next_day: bool,
    pub note: String,
}

/// A child to choose, with whether she is chosen and 病後児.
#[derive(Debug, Clone)]
pub struct ChildChoice {
    pub id: i64,
    /// 「さくら（5歳）」.
    pub label: String,
    pub chosen: bool,
    pub after_illness: bool,
}

#[derive(Debug, Clone)]
pub struct AskView {
    pub error: Option<String>,
    pub values: AskValues,
    /// (id, name).
    pub areas: Vec<(String, String)>,
    /// (2026-12-05, 今日 12/05（土）), the next days.
    pub days: Vec<(String, String)>,
    pub children: Vec<ChildChoice>,
}

pub fn ask_form(ctx: &Ctx, view: &AskView) -> String {
    let v = &view.values;
    let hours: Vec<String> = (0..24).map(|h| format!("{h:02}")).collect();
    let minutes: Vec<String> = (0..60).step_by(5).map(|m| format!("{m:02}")).collect();
    let with_none = |options: &[(String, String)]| {
        let mut all = vec![(String::new(), "選ぶ".to_string())];
        all.extend(options.iter().cloned());
        all
    };
    let kinds = [
        ("pickup".to_string(), "送迎".to_string()),
        ("care".to_string(), "あずかり".to_string()),
    ];
    let places = [
        ("family_home".to_string(), "わたしの自宅".to_string()),
        ("supporter_home".to_string(), "提供会員の自宅".to_string()),
    ];
    page(
        ctx,
        "支援をお願いする",
        html! {
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (form(ctx, "/support/requests/new", true, html! {
                (label("内容")) (select("kind", &kinds, &v.kind))
                (subheading(ctx, "送迎のとき"))
                (label("出発")) (select("from_area", &with_none(&view.areas), &v.from_area))
                (text_input(ctx, "from_place", &v.from_place, InputKind::Japanese, 16))
                (label("行き先")) (select("to_area", &with_none(&view.areas), &v.to_area))
                (text_input(ctx, "to_place", &v.to_place, InputKind::Japanese, 16))
                (checkbox("by_car", "1", "車で", v.by_car))
                (subheading(ctx, "あずかりのとき"))
                (select("care_place", &places, &v.care_place))
                (subheading(ctx, "日時"))
                (select("day", &view.days, &v.day))
                div { (choice("start_hour", &hours, &v.start_hour)) ":" (choice("start_minute", &minutes, &v.start_minute)) "から" }
                div { (choice("end_hour", &hours, &v.end_hour)) ":" (choice("end_minute", &minutes, &v.end_minute)) "まで" }
                (checkbox("next_day", "1", "終わりは翌日", v.next_day))
                div { "24時間以内は急ぎになります。" }
                (subheading(ctx, "お子さん"))
                @if view.children.is_empty() {
                    div { (link(ctx, "/support/children", "お子さんを登録してください", None)) }
                }
                @for child in &view.children {
                    (checkbox("child", &child.id.to_string(), &child.label, child.chosen))
                    (checkbox(&format!("ill_{}", child.id), "1", "└病後児", child.after_illness))
                }
                (label("連絡事項"))
                (text_area(ctx, "note", &v.note, 3))
                div { (submit("お願いする")) }
            }))
            (footer(ctx))
        },
    )
}

/// One line of her list.
#[derive(Debug, Clone)]
pub struct RequestItem {
    pub id: i64,
    pub when: String,
    pub kind: String,
    pub state: String,
    pub urgent: bool,
}

pub fn request_item(ctx: &Ctx, item: &RequestItem) -> Markup {
    let urgent = if item.urgent { "【急ぎ】" } else { "" };
    html! {
        div {
            (link(ctx, &format!("/support/requests/{}", item.id), &format!("{urgent}{}", item.when), None))
            br; (item.kind) "：" (item.state)
        }
    }
}

pub fn request_list(ctx: &Ctx, list: &ListPage<'_>, empty: bool) -> String {
    page(
        ctx,
        "わたしの依頼",
        html! {
            div { (link(ctx, "/support/requests/new", "新しくお願いする", Some(1))) }
            @if empty { div { "まだ依頼はありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, "/support/requests", list.page, list.pages))
            (footer(ctx))
        },
    )
}

/// One request, as the family sees it.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub id: i64,
    pub notice: Option<String>,
    pub when: String,
    pub kind: String,
    pub urgent: bool,
    pub children: String,
    pub places: String,
    pub note: String,
    pub state: String,
    /// 「3人にお知らせしました」 lines.
    pub progress: Vec<String>,
    /// The matched supporter: nickname, phone.
    pub supporter: Option<(String, String)>,
    pub handover_code: Option<String>,
    /// The cancellation, if cancelled: reason and fee.
    pub cancelled: Option<(String, Option<String>)>,
    /// May still be cancelled, with the fee that would apply now (None: free).
    pub can_cancel: bool,
    pub cancel_fee: Option<String>,
    pub reason: String,
}

pub fn request_page(ctx: &Ctx, view: &RequestView) -> String {
    page(
        ctx,
        "依頼の内容",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if view.urgent { div { "【急ぎ】" } }
            div { "日時：" (view.when) }
            div { "内容：" (view.kind) }
            @if !view.places.is_empty() { div { "場所：" (view.places) } }
            div { "お子さん：" (view.children) }
            @if !view.note.is_empty() { div { "連絡事項：" (view.note) } }
            div { "状態：" (view.state) }
            @for line in &view.progress { div { (line) } }
            @if let Some((nickname, phone)) = &view.supporter {
                div { "提供会員：" (crate::text::san(nickname)) }
                div { "電話：" (phone) }
            }
            @if let Some(code) = &view.handover_code {
                div { "受け渡しコード：" (code) }
                div { "お子さんを預けるときに提供会員に伝えてください。" }
            }
            @if let Some((reason, fee)) = &view.cancelled {
                div { "取り消しの理由：" (reason) }
                @if let Some(fee) = fee { div { "キャンセル料：" (fee) } }
            }
            @if view.can_cancel {
                (subheading(ctx, "取り消す"))
                @match &view.cancel_fee {
                    Some(fee) => div { "今取り消すとキャンセル料 " (fee) " がかかります。" },
                    None => div { "今なら取り消しの料金はかかりません。" },
                }
                (form(ctx, &format!("/support/requests/{}/cancel", view.id), true, html! {
                    (label("理由"))
                    (text_input(ctx, "reason", &view.reason, InputKind::Japanese, 16))
                    (hidden("confirm", "1"))
                    div { (submit("取り消す")) }
                }))
            }
            div { (link(ctx, "/support/requests", "わたしの依頼", Some(5))) }
            (footer(ctx))
        },
    )
}
