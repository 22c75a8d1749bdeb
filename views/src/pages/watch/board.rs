//! A school's live board for its teachers and coordinators: each child's 登校, 下校 and whether
//! still at school, by class (a list the handler pages to the device), readers' health and today's
//! unknown tags.

use crate::components::{alert, footer, link, pager, subheading, ListPage};
use crate::ctx::{Ctx, Flavor};
use crate::layout::refreshing_page;
use maud::{html, Markup};

/// How often a PC or smartphone reloads the board; keitai reload by hand.
const REFRESH_SECONDS: u32 = 60;

/// Unknown tags a keitai lists (a PC lists what the handler gives).
const UNKNOWN_ON_KEITAI: usize = 3;

/// Where a child is today by the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildStatus {
    /// No gate pass today.
    NoRecord,
    /// Arrived and not left: まだ校内.
    AtSchool,
    /// Left through the gate.
    Left,
}

/// A child on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardChild {
    pub id: i64,
    pub name: String,
    /// 「3年2組」
    pub class: String,
    /// The first arrival today (HH:MM).
    pub arrived: Option<String>,
    /// The departure, while the child is out (HH:MM).
    pub left: Option<String>,
    pub status: ChildStatus,
}

/// Which children the board lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    #[default]
    All,
    AtSchool,
    Left,
    /// No arrival today (未登校 after the late time).
    NoArrival,
}

impl Show {
    /// The value of the `show` query parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::AtSchool => "at-school",
            Show::Left => "left",
            Show::NoArrival => "no-arrival",
        }
    }

    pub fn parse(text: &str) -> Show {
        match text {
            "at-school" => Show::AtSchool,
            "left" => Show::Left,
            "no-arrival" => Show::NoArrival,
            _ => Show::All,
        }
    }

    /// Whether a child belongs in this list.
    pub fn includes(self, child: &BoardChild) -> bool {
        match self {
            Show::All => true,
            Show::AtSchool => child.status == ChildStatus::AtSchool,
            Show::Left => child.status == ChildStatus::Left,
            Show::NoArrival => child.arrived.is_none(),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Show::All => "全員",
            Show::AtSchool => "まだ校内",
            Show::Left => "下校",
            Show::NoArrival => "登校の記録なし",
        }
    }
}

/// How many children are where, over the whole school.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub children: usize,
    pub arrived: usize,
    pub at_school: usize,
    pub left: usize,
    pub no_arrival: usize,
}

impl Counts {
    pub fn of(children: &[BoardChild]) -> Counts {
        let count = |show: Show| children.iter().filter(|c| show.includes(c)).count();
        Counts {
            children: children.len(),
            arrived: children.len() - count(Show::NoArrival),
            at_school: count(Show::AtSchool),
            left: count(Show::Left),
            no_arrival: count(Show::NoArrival),
        }
    }

    fn of_show(&self, show: Show) -> usize {
        match show {
            Show::All => self.children,
            Show::AtSchool => self.at_school,
            Show::Left => self.left,
            Show::NoArrival => self.no_arrival,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReaderStatus {
    pub id: i64,
    pub name: String,
    /// 校門 or 経由地点.
    pub kind: String,
    /// 正常, 応答なし, 受信待ち.
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
    /// The late time has passed: children without an arrival are 未登校.
    pub late: bool,
    pub counts: Counts,
    pub show: Show,
    /// No reader has reported anything yet.
    pub readers_quiet: bool,
    pub readers: Vec<ReaderStatus>,
    pub unknown: Vec<UnknownTag>,
}

impl BoardView {
    /// The board's address for this list (without a page number).
    pub fn path(&self) -> String {
        match self.show {
            Show::All => format!("/watch/schools/{}", self.school_id),
            show => format!("/watch/schools/{}?show={}", self.school_id, show.as_str()),
        }
    }
}

/// One child of the board, rendered alone so that the list pages by size; `heading` puts the
/// class's name above the first child of a class.
pub fn board_child(ctx: &Ctx, view: &BoardView, child: &BoardChild, heading: bool) -> Markup {
    let name = link(ctx, &format!("/watch/children/{}", child.id), &child.name, None);
    if ctx.flavor == Flavor::Html5 {
        return html! {
            @if heading { tr { th colspan="4" { (child.class) } } }
            tr {
                td { (name) }
                td { (arrival(view, child)) }
                td { (child.left.as_deref().unwrap_or("—")) }
                td { (status(view, child)) }
            }
        };
    }
    // A keitai line: 「山田 ゆうた 08:01登校 まだ校内」.
    html! {
        @if heading { div { "■" (child.class) } }
        div {
            (name) " "
            @if let Some(time) = &child.arrived { (time) "登校 " }
            @match (&child.left, &child.arrived) {
                (Some(time), Some(_)) => { (time) "下校" }
                (Some(time), None) => { (time) "下校（登校の記録なし）" }
                (None, _) => { (status(view, child)) }
            }
        }
    }
}

fn arrival<'a>(view: &BoardView, child: &'a BoardChild) -> &'a str {
    match (&child.arrived, view.late) {
        (Some(time), _) => time,
        (None, true) => "記録なし",
        (None, false) => "—",
    }
}

fn status(view: &BoardView, child: &BoardChild) -> &'static str {
    match (child.status, child.arrived.is_some(), view.late) {
        (ChildStatus::AtSchool, _, _) => "まだ校内",
        (ChildStatus::Left, true, _) => "下校",
        (ChildStatus::Left, false, _) => "下校（登校の記録なし）",
        (ChildStatus::NoRecord, _, true) => "未登校",
        (ChildStatus::NoRecord, _, false) => "まだ",
    }
}

/// The board: `continued` names the class whose children go on from the previous page.
pub fn board(ctx: &Ctx, view: &BoardView, list: &ListPage<'_>, continued: Option<&str>) -> String {
    let wide = ctx.flavor == Flavor::Html5;
    refreshing_page(
        ctx,
        &format!("{} 見守りボード", view.school),
        REFRESH_SECONDS,
        html! {
            div {
                (view.as_of)
                @if wide { "（1分ごとに更新）" }
                @else { " " (link(ctx, &page_path(view, list.page), "最新にする", Some(5))) }
            }
            (summary(ctx, view))
            (subheading(ctx, &format!("{}（{}人）", view.show.label(), view.counts.of_show(view.show))))
            @if list.items.is_empty() && list.pages <= 1 { div { "該当する児童はいません。" } }
            @if wide {
                table {
                    tr { th { "名前" } th { "登校" } th { "下校" } th { "いま" } }
                    @if let Some(class) = continued { tr { th colspan="4" { (class) "（つづき）" } } }
                    @for item in list.items { (item) }
                }
            } @else {
                @if let Some(class) = continued { div { "■" (class) "（つづき）" } }
                @for item in list.items { (item) }
            }
            (pager(ctx, &view.path(), list.page, list.pages))
            div { (link(ctx, &format!("/notebook/schools/{}/not-arrived", view.school_id), "未登校・連絡なし（欠席連絡と照合）", None)) }
            (readers(ctx, view))
            (unknown(ctx, view))
            (footer(ctx))
        },
    )
}

fn page_path(view: &BoardView, page: usize) -> String {
    let path = view.path();
    if page <= 1 {
        return path;
    }
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}page={page}")
}

/// The counts, each a link to its list, and the late warning.
fn summary(ctx: &Ctx, view: &BoardView) -> Markup {
    let c = &view.counts;
    let to = |show: Show, text: String| -> Markup {
        if show == view.show {
            html! { (text) }
        } else {
            let path = BoardView { show, ..view.clone() }.path();
            link(ctx, &path, &text, None)
        }
    };
    html! {
        div {
            (to(Show::All, format!("全員{}人", c.children))) "："
            "登校" (c.arrived) "人（"
            (to(Show::AtSchool, format!("まだ校内{}人", c.at_school))) "・"
            (to(Show::Left, format!("下校{}人", c.left))) "）"
        }
        @if !view.late {
            div { (view.late_after) "を過ぎると、登校の記録がない児童を未登校として数えます。" }
        } @else if c.no_arrival == 0 {
            div { (view.late_after) "を過ぎました。全員に登校の記録があります。" }
        } @else {
            (alert(ctx, &format!("{}を過ぎて登校の記録がない児童：{}人", view.late_after, c.no_arrival)))
            @if view.show != Show::NoArrival { div { (to(Show::NoArrival, "名前を見る".to_string())) } }
        }
    }
}

fn readers(ctx: &Ctx, view: &BoardView) -> Markup {
    html! {
        (subheading(ctx, "読み取り機"))
        @if view.readers_quiet && !view.readers.is_empty() {
            div { "まだ読み取りがありません。児童が通ると受信の時刻が出ます。" }
        }
        @if ctx.flavor == Flavor::Html5 {
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
        } @else {
            @for r in &view.readers {
                @if r.offline { (alert(ctx, &format!("{} {} {}", r.name, r.health, r.last_seen))) }
                @else { div { (r.name) " " (r.health) " " (r.last_seen) " 電池" (r.battery) } }
            }
        }
    }
}

fn unknown(ctx: &Ctx, view: &BoardView) -> Markup {
    let shown = if ctx.flavor == Flavor::Html5 {
        view.unknown.len()
    } else {
        view.unknown.len().min(UNKNOWN_ON_KEITAI)
    };
    html! {
        (subheading(ctx, "きょうの登録のないタグ"))
        @if view.unknown.is_empty() { div { "ありません。" } }
        @for u in &view.unknown[..shown] { div { (u.time) " " (u.reader) " タグ " (u.tag) } }
        @if shown < view.unknown.len() { div { "ほか" (view.unknown.len() - shown) "件" } }
    }
}
