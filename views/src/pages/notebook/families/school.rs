//! `/notebook/schools/{school}`: a school's notebook for its staff.

use crate::components::{footer, link, menu, subheading};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct SchoolView {
    pub id: i64,
    pub name: String,
    /// The teacher's own classes: (grade, class name, 「2年1組」).
    pub own_classes: Vec<(i32, String, String)>,
    /// Every class of the roster.
    pub classes: Vec<(i32, String, String)>,
    pub pending_joins: i64,
}

fn class_path(school: i64, grade: i32, class_name: &str) -> String {
    format!(
        "/notebook/schools/{school}/classes/{grade}/{}",
        crate::ctx::percent_encode(class_name)
    )
}

pub fn school(ctx: &Ctx, view: &SchoolView) -> String {
    let base = format!("/notebook/schools/{}", view.id);
    let joins = if view.pending_joins > 0 {
        format!("登録の承認（{}件）", view.pending_joins)
    } else {
        "登録の承認".to_string()
    };
    let links = [
        (format!("{base}/messages/new"), "お知らせを書く".to_string()),
        (format!("{base}/messages"), "送ったお知らせ".to_string()),
        (format!("{base}/absences"), "今日の欠席・遅刻".to_string()),
        (format!("{base}/not-arrived"), "未登校・連絡なし".to_string()),
        (format!("{base}/joins"), joins),
        (format!("{base}/codes"), "申込コード・お手紙".to_string()),
        (format!("{base}/teachers"), "先生とクラス".to_string()),
        (format!("{base}/settings"), "設定".to_string()),
    ];
    let items: Vec<(&str, &str)> = links.iter().map(|(p, l)| (p.as_str(), l.as_str())).collect();
    page(
        ctx,
        &format!("{} 連絡帳", view.name),
        html! {
            @if !view.own_classes.is_empty() {
                (subheading(ctx, "担任のクラス"))
                @for (grade, class_name, label) in &view.own_classes {
                    div { (link(ctx, &class_path(view.id, *grade, class_name), label, None)) }
                }
            }
            (menu(ctx, &items))
            (subheading(ctx, "クラス名簿"))
            @if view.classes.is_empty() { div { "名簿にまだ子どもがいません。" } }
            @for (grade, class_name, label) in &view.classes {
                (link(ctx, &class_path(view.id, *grade, class_name), label, None)) " "
            }
            div { (link(ctx, "/notebook", "連絡帳へ", None)) }
            (footer(ctx))
        },
    )
}
