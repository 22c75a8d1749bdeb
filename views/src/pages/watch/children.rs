//! 子どもの見守り for guardians (every device): my children with today's passes, one child's
//! history by day. Both are lists that the handler pages to the device's budget.

use crate::components::{alert, footer, link, pager, separator, subheading, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

/// One pass as a line: 「07:52 正門（登校）」.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassLine {
    /// HH:MM, Japan time.
    pub time: String,
    /// The reader's name.
    pub place: String,
    /// 登校, 下校 or 通過.
    pub what: String,
}

fn pass_lines(passes: &[PassLine], none: &str) -> Markup {
    html! {
        @if passes.is_empty() { div { (none) } }
        @for p in passes { div { (p.time) " " (p.place) "（" (p.what) "）" } }
    }
}

/// A child on the list page, with today's passes.
#[derive(Debug, Clone)]
pub struct ChildToday {
    pub id: i64,
    pub name: String,
    /// 「3年2組」
    pub grade_class: String,
    pub passes: Vec<PassLine>,
}

/// One child of the list (rendered alone so the list can be paged by size); `key` opens the history.
pub fn child_today(ctx: &Ctx, child: &ChildToday, key: Option<u8>) -> Markup {
    html! {
        (subheading(ctx, &format!("{}さん（{}）", child.name, child.grade_class)))
        (pass_lines(&child.passes, "きょうの記録はまだありません。"))
        div { (link(ctx, &format!("/watch/children/{}", child.id), "これまでの記録・お知らせの設定", key)) }
    }
}

/// What the list page shows around the children.
#[derive(Debug, Clone, Default)]
pub struct WatchHomeView {
    /// 「11/23（月）」
    pub today: String,
    /// Boards the member may open as school staff: (school id, name).
    pub boards: Vec<(i64, String)>,
    /// A coordinator: link to the setup pages.
    pub coordinator: bool,
    /// No children were found for the member's confirmed addresses.
    pub no_children: bool,
}

pub fn watch_home(ctx: &Ctx, view: &WatchHomeView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "子どもの見守り",
        html! {
            div { "きょう " (view.today) " の記録" }
            @if view.no_children {
                div { "見守りのお知らせ先に登録されたお子さまがいません。" }
                div { "学校に届けたメールアドレスを、マイページで追加して確認してください。" }
            }
            @for child in list.items { (child) }
            (pager(ctx, "/watch", list.page, list.pages))
            @if !view.boards.is_empty() || view.coordinator {
                (separator(ctx))
                (subheading(ctx, "学校の見守りボード"))
                @for (id, name) in &view.boards {
                    div { (link(ctx, &format!("/watch/schools/{id}"), name, None)) }
                }
                @if view.coordinator {
                    div { (link(ctx, "/admin/watch", "見守りの設定（学校・読み取り機・タグ）", None)) }
                }
            }
            (footer(ctx))
        },
    )
}

/// One day of a child's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPasses {
    /// 「11/23（月）」
    pub day: String,
    pub today: bool,
    /// In time order.
    pub passes: Vec<PassLine>,
}

/// One day of the history (rendered alone so the history can be paged by size).
pub fn day_passes(ctx: &Ctx, day: &DayPasses) -> Markup {
    let heading = if day.today {
        format!("きょう {}", day.day)
    } else {
        day.day.clone()
    };
    html! {
        (subheading(ctx, &heading))
        (pass_lines(&day.passes, "記録はありません。"))
    }
}

/// The history page around the days.
#[derive(Debug, Clone)]
pub struct HistoryView {
    pub child_id: i64,
    pub name: String,
    pub grade_class: String,
    pub school: String,
    /// The viewer's own recipient rows: (recipient id, 「母 hana@…」).
    pub settings: Vec<(i64, String)>,
    /// A staff view: it is written to the audit log, and the page says so.
    pub audited: bool,
    /// How many days back the history goes.
    pub days: u32,
}

pub fn history(ctx: &Ctx, view: &HistoryView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        &format!("{}さんの記録", view.name),
        html! {
            div { (view.school) " " (view.grade_class) }
            @if view.audited { (alert(ctx, "この閲覧は記録されます。")) }
            // On every page, so that the pager's size estimate holds (keys 1–6: one per recipient).
            @for (i, (id, label)) in view.settings.iter().enumerate() {
                div {
                    (link(
                        ctx,
                        &format!("/watch/children/{}/settings/{id}", view.child_id),
                        &format!("お知らせの設定：{label}"),
                        u8::try_from(i + 1).ok().filter(|k| *k <= 7),
                    ))
                }
            }
            @for day in list.items { (day) }
            (pager(ctx, &format!("/watch/children/{}", view.child_id), list.page, list.pages))
            div { "このページには、きょうから" (view.days) "日前までの記録を表示します。" }
            (separator(ctx))
            (link(ctx, "/watch", "見守りのトップ", Some(9)))
            (footer(ctx))
        },
    )
}
