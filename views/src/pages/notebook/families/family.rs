//! `/notebook/family`: the family's children and guardians, and its absence address.

use super::ChildLine;
use crate::components::{footer, link, subheading};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct FamilyView {
    pub children: Vec<ChildLine>,
    /// The guardians' nicknames, in the order they joined.
    pub guardians: Vec<String>,
    /// abs-<token>@…: mail here reports an absence.
    pub absence_address: String,
}

pub fn family(ctx: &Ctx, view: &FamilyView) -> String {
    page(
        ctx,
        "家族",
        html! {
            (subheading(ctx, "お子さん"))
            @for child in &view.children {
                div { (child.name) "（" (child.school) " " (child.class) "）" }
            }
            (subheading(ctx, "保護者"))
            @for nickname in &view.guardians { div { (nickname) "さん" } }
            div { "ほかの保護者の方も、同じ申込コードでご自分のアカウントから登録すると、この家族に加わります。" }
            (subheading(ctx, "欠席連絡用アドレス"))
            div { (view.absence_address) }
            div { "このアドレスにメールを送ると、学校への欠席の連絡になります。アドレス帳に登録しておくと便利です。" }
            div { "お子さんが一人なら、本文に理由を書くだけで今日の欠席になります。きょうだいがいるときは、本文にお子さんの名前を書いてください。" }
            div { "このアドレスは、家族以外には教えないでください。" }
            div { (link(ctx, "/notebook", "連絡帳へ", Some(9))) }
            (footer(ctx))
        },
    )
}
