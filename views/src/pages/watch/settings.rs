//! A guardian's own pass-mail choices for one child: quiet hours and which readers. Two selects
//! and check boxes: a form a 5 KB i-mode handset can show and post.

use crate::components::{alert, checkbox, choice, footer, form, label, link, separator, submit};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

/// The value of the 「すべて」 box, and of the select entry for no quiet hours.
pub const ALL_READERS_FIELD: &str = "all";
pub const NO_TIME: &str = "なし";

/// The check box name of one reader.
pub fn reader_field(id: i64) -> String {
    format!("r{id}")
}

#[derive(Debug, Clone)]
pub struct ReaderChoice {
    pub id: i64,
    pub name: String,
    pub chosen: bool,
}

#[derive(Debug, Clone)]
pub struct AlertSettingsView {
    pub child_id: i64,
    pub recipient_id: i64,
    pub child_name: String,
    /// 「母 hana@docomo.ne.jp」
    pub recipient: String,
    /// 「なし」 and every half hour.
    pub times: Vec<String>,
    pub quiet_from: String,
    pub quiet_until: String,
    pub all_readers: bool,
    pub readers: Vec<ReaderChoice>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn alert_settings(ctx: &Ctx, view: &AlertSettingsView) -> String {
    let action = format!("/watch/children/{}/settings/{}", view.child_id, view.recipient_id);
    page(
        ctx,
        "お知らせの設定",
        html! {
            @if let Some(notice) = &view.notice { div { (notice) } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (view.child_name) "さんのお知らせ" }
            div { "送り先：" (view.recipient) }
            (form(ctx, &action, true, html! {
                (label("お知らせしない時間"))
                div { (choice("quiet_from", &view.times, &view.quiet_from)) "から" }
                div { (choice("quiet_until", &view.times, &view.quiet_until)) "まで" }
                (label("お知らせする場所"))
                (checkbox(ALL_READERS_FIELD, "1", "すべて", view.all_readers))
                @for r in &view.readers {
                    (checkbox(&reader_field(r.id), "1", &r.name, !view.all_readers && r.chosen))
                }
                (submit("保存"))
            }))
            (separator(ctx))
            (link(ctx, &format!("/watch/children/{}", view.child_id), "記録にもどる", Some(9)))
            (footer(ctx))
        },
    )
}
