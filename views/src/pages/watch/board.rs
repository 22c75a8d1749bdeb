//! A school's live board for its teachers and coordinators: today's arrivals by class, children
//! not through a gate after the late time, readers' health and today's unknown tags.

use crate::components::{alert, footer, link, subheading};
use crate::ctx::Ctx;
use crate::layout::refreshing_page;
use maud::{html, Markup};

/// A child on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardChild {
    pub id: i64,
    pub name: String,
    /// First gate pass today (HH:MM), None if none yet.
    pub arrived: Option<String>,
}

/// One class and its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassBoard {
    /// 「3年2組」
    pub class: String,
    pub children: Vec<BoardChild>,
}

#[derive(Debug, Clone)]
pub struct ReaderStatus {
    pub id: i64,
    pub name: String,
    /// 校門 or 経由地点.
    pub kind: String,
    /// 正常, 応答なし, 未接続.
    pub health: String,
    pub offline: bool,
    /// 「11/23 07:58」 or 「—」.
    pub last_seen: String,
    /// 「80%」 or 「—」.
    pub battery: String,
}

#[derive(Debug, Clone)]
pub struct UnknownTag {
    pub time: String,
    pub tag: String,
    pub reader: String,
}

#[derive(Debug, Clone)]
pub struct BoardView {
    pub school_id: i64,
    pub school: String,
    /// 「11/23（月） 08:41 現在」
    pub as_of: String,
    /// 「08:30」
    pub late_after: String,
    /// The late time has passed: children without a gate pass are 未登校.
    pub late: bool,
    pub classes: Vec<ClassBoard>,
    pub readers: Vec<ReaderStatus>,
    pub unknown: Vec<UnknownTag>,
}

pub fn board(ctx: &Ctx, view: &BoardView) -> String {
    refreshing_page(
        ctx,
        &format!("{} 見守りボード", view.school),
        60,
        html! {
            div { (view.as_of) "（1分ごとに更新）" }
            (subheading(ctx, "未登校"))
            (absent(ctx, view))
            div { (link(ctx, &format!("/notebook/schools/{}/not-arrived", view.school_id), "未登校・連絡なし（欠席連絡と照合）", None)) }
            (subheading(ctx, "きょうの登校"))
            @for class in &view.classes {
                div { b { (class.class) } }
                table {
                    tr { th { "名前" } th { "校門の通過" } }
                    @for c in &class.children {
                        tr {
                            td { (child_link(ctx, c)) }
                            td {
                                @match (&c.arrived, view.late) {
                                    (Some(time), _) => { (time) }
                                    (None, true) => { "未登校" }
                                    (None, false) => { "—" }
                                }
                            }
                        }
                    }
                }
            }
            (subheading(ctx, "読み取り機"))
            table {
                tr { th { "名前" } th { "種類" } th { "状態" } th { "最終受信" } th { "電池" } }
                @for r in &view.readers {
                    tr {
                        td { (r.name) }
                        td { (r.kind) }
                        td { @if r.offline { (alert(ctx, &r.health)) } @else { (r.health) } }
                        td { (r.last_seen) }
                        td { (r.battery) }
                    }
                }
            }
            (subheading(ctx, "きょうの登録のないタグ"))
            @if view.unknown.is_empty() { div { "ありません。" } }
            @for u in &view.unknown { div { (u.time) " " (u.reader) " タグ " (u.tag) } }
            (footer(ctx))
        },
    )
}

fn child_link(ctx: &Ctx, child: &BoardChild) -> Markup {
    link(ctx, &format!("/watch/children/{}", child.id), &child.name, None)
}

/// 未登校: after the late time, every child without a gate pass, by class.
fn absent(ctx: &Ctx, view: &BoardView) -> Markup {
    if !view.late {
        return html! { div { (view.late_after) "を過ぎると、校門を通っていない児童をここに表示します。" } };
    }
    let missing: Vec<(&str, &BoardChild)> = view
        .classes
        .iter()
        .flat_map(|class| class.children.iter().map(move |c| (class.class.as_str(), c)))
        .filter(|(_, c)| c.arrived.is_none())
        .collect();
    html! {
        @if missing.is_empty() { div { (view.late_after) "を過ぎました。全員が校門を通っています。" } }
        @else {
            (alert(ctx, &format!("{}を過ぎて校門の記録がない児童：{}人", view.late_after, missing.len())))
            @for (class, c) in &missing { div { (class) " " (child_link(ctx, c)) } }
        }
    }
}
