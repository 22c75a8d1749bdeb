//! A coordinator's page for one child: the tag (紛失・再発行, release) and who gets the pass mails.

use crate::components::{alert, choice, footer, form, hidden, label, link, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::html;

#[derive(Debug, Clone)]
pub struct TagRow {
    pub tag: String,
    /// 「2026/11/01」
    pub from: String,
    /// 「使用中」 or the release date and reason.
    pub until: String,
}

#[derive(Debug, Clone)]
pub struct RecipientRow {
    pub id: i64,
    pub address: String,
    pub label: String,
    /// 「22:00〜06:30」 or 「なし」.
    pub quiet: String,
    /// 「すべて」 or the chosen readers.
    pub readers: String,
}

#[derive(Debug, Clone)]
pub struct ChildAdminView {
    pub id: i64,
    pub school_id: i64,
    pub school: String,
    pub name: String,
    pub class: String,
    pub code: String,
    pub tag: Option<String>,
    pub tags: Vec<TagRow>,
    pub recipients: Vec<RecipientRow>,
    pub max_recipients: usize,
    /// 「なし」 and every half hour, for the quiet hours of a new recipient.
    pub times: Vec<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn child_admin(ctx: &Ctx, view: &ChildAdminView) -> String {
    let base = format!("/admin/watch/children/{}", view.id);
    let none = view.times.first().cloned().unwrap_or_default();
    console_page(
        ctx,
        &format!("{}（タグ・お知らせ先）", view.name),
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { (view.school) " " (view.class) " 児童番号 " (view.code) }
            div {
                (link(ctx, &format!("/admin/watch/schools/{}", view.school_id), "学校のページ", None)) " "
                (link(ctx, &format!("/watch/children/{}", view.id), "記録（閲覧は記録されます）", None))
            }
            (subheading(ctx, "タグ"))
            div { "いまのタグ：" @if let Some(tag) = &view.tag { b { (tag) } } @else { "なし" } }
            (form(ctx, &format!("{base}/tag"), true, html! {
                (label("新しいタグ（紛失・再発行）：タグの番号と理由"))
                (text_input(ctx, "tag", "", InputKind::Latin, 16)) " "
                (text_input(ctx, "reason", "紛失", InputKind::Japanese, 10))
                (submit("このタグに切り替える"))
            }))
            @if view.tag.is_some() {
                (form(ctx, &format!("{base}/tag/release"), true, html! {
                    (label("タグを使わなくする（新しいタグなし）：理由"))
                    (text_input(ctx, "reason", "紛失", InputKind::Japanese, 10))
                    (submit("タグを解除"))
                }))
            }
            @if !view.tags.is_empty() {
                table {
                    tr { th { "タグ" } th { "開始" } th { "終了" } }
                    @for t in &view.tags { tr { td { (t.tag) } td { (t.from) } td { (t.until) } } }
                }
            }
            (subheading(ctx, &format!("お知らせ先（{}件まで）", view.max_recipients)))
            @if view.recipients.is_empty() { div { "ありません。" } }
            @for r in &view.recipients {
                (form(ctx, &format!("{base}/recipients/remove"), true, html! {
                    (r.label) " " (r.address) " お知らせしない時間：" (r.quiet) " 場所：" (r.readers) " "
                    (hidden("recipient", &r.id.to_string())) (submit("外す"))
                }))
            }
            (form(ctx, &format!("{base}/recipients"), true, html! {
                (label("メールアドレス")) (text_input(ctx, "address", "", InputKind::Latin, 30))
                (label("続柄（母・父・祖母など）")) (text_input(ctx, "label", "", InputKind::Japanese, 8))
                (label("お知らせしない時間"))
                div { (choice("quiet_from", &view.times, &none)) "から" (choice("quiet_until", &view.times, &none)) "まで" }
                (submit("追加"))
            }))
            (footer(ctx))
        },
    )
}
