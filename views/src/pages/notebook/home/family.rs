//! `/notebook/home`: the guardians' side of the board — a message for the children, the board's
//! recent lines, the paired devices and the pairing code.

use crate::components::{
    alert, footer, form, label, link, pager, select, separator, subheading, submit, text_input, ListPage,
};
use crate::ctx::{Ctx, InputKind, Styling};
use crate::layout::page;
use maud::{html, Markup};

/// One line of the board as the guardians read it.
#[derive(Debug, Clone)]
pub struct NoteLine {
    /// 「12/03 15:42」
    pub when: String,
    /// 「ゆうた」, 「はなママ→ゆうた」, 「はなママ→みんな」
    pub who: String,
    pub text: String,
}

/// A paired device.
#[derive(Debug, Clone)]
pub struct HomeDevice {
    pub id: i64,
    pub name: String,
    /// 「12/03 15:20」
    pub paired: String,
    /// 「12/03 15:41」 or 「まだありません」
    pub seen: String,
}

/// The valid pairing code, shown large with the steps.
#[derive(Debug, Clone)]
pub struct HomeCode {
    pub code: String,
    /// 「15:52」
    pub until: String,
    /// The address the device opens (「https://…/home」).
    pub device_url: String,
}

#[derive(Debug, Clone)]
pub struct FamilyHomeView {
    /// (child id, name) of the family's children.
    pub children: Vec<(i64, String)>,
    pub devices: Vec<HomeDevice>,
    pub code: Option<HomeCode>,
    /// The message as typed (kept after an error).
    pub typed: String,
    /// The child chosen ("" for all).
    pub typed_child: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// A board line in the list.
pub fn note_line(line: &NoteLine) -> Markup {
    html! { div { (line.when) " " (line.who) "：" (line.text) } }
}

pub fn family_home(ctx: &Ctx, view: &FamilyHomeView, lines: &ListPage<'_>) -> String {
    let mut choices = vec![(String::new(), "みんなへ".to_string())];
    choices.extend(
        view.children
            .iter()
            .map(|(id, name)| (id.to_string(), format!("{name}へ"))),
    );
    page(
        ctx,
        "伝言板",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            (subheading(ctx, "伝言を書く"))
            (form(ctx, "/notebook/home/notes", true, html! {
                (label("ホーム端末に大きく出ます（60文字まで）"))
                (text_input(ctx, "text", &view.typed, InputKind::Japanese, 24))
                div { (select("child", &choices, &view.typed_child)) " " (submit("伝言する")) }
            }))
            (subheading(ctx, "最近の伝言板"))
            @if lines.items.is_empty() { div { "まだありません。" } }
            @for item in lines.items { (item) }
            (pager(ctx, "/notebook/home", lines.page, lines.pages))
            (subheading(ctx, "ホーム端末"))
            @if view.devices.is_empty() { div { "つながっている端末はありません。" } }
            @for device in &view.devices {
                div { (device.name) }
                div { "つないだ日時 " (device.paired) " / 最後の表示 " (device.seen) }
                (form(ctx, &format!("/notebook/home/boards/{}/unpair", device.id), true, html! {
                    (submit("解除する"))
                }))
            }
            @if let Some(code) = &view.code {
                (separator(ctx))
                div { "ペアリング番号" }
                (big(ctx, &code.code))
                div { (code.until) "まで有効です（一度使うと無効になります）。" }
                div { "1. ホーム端末（タブレットや使っていない携帯）のブラウザで、次のアドレスを開きます。" }
                div { (code.device_url) }
                div { "2. この番号と端末の名前（例：リビングのタブレット）を入れて「つなぐ」を押します。" }
                div { "3. 伝言板が出たら、そのまま置いておけます。" }
            }
            (form(ctx, "/notebook/home/code", true, html! {
                (submit(if view.code.is_some() { "番号を出し直す" } else { "ホーム端末をつなぐ" }))
            }))
            (separator(ctx))
            div { (link(ctx, "/notebook", "連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}

/// The page for a guardian who has not joined a family yet.
pub fn no_family(ctx: &Ctx) -> String {
    page(
        ctx,
        "伝言板",
        html! {
            div { "伝言板は、お子さんを連絡帳に登録すると使えます。" }
            div { (link(ctx, "/notebook/join", "申込コードを入れる", Some(1))) }
            (footer(ctx))
        },
    )
}

/// Text shown as large as the device allows (the pairing code).
pub fn big(ctx: &Ctx, text: &str) -> Markup {
    match ctx.styling {
        Styling::Sheet => html! { div style="font-size:2.4em;font-weight:bold;letter-spacing:.15em" { (text) } },
        Styling::Inline => html! { div style="font-size:x-large;" { (text) } },
        Styling::None => html! { div { font size="6" { (text) } } },
    }
}
