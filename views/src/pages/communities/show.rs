//! One community (`/communities/{id}`): its description, members, join or leave, its posting address
//! for members, and its topics paged to the device (its lines are `threads::line`).

use crate::components::{alert, footer, form, link, pager, separator, subheading, submit, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::html;

/// What the viewer may do here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not joined; the community takes members.
    Outsider,
    Member,
    Owner,
    /// The community is pending, rejected or closed: nothing to do.
    Closed,
}

#[derive(Debug, Clone)]
pub struct CommunityView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub area: Option<String>,
    pub owner: Option<String>,
    pub members: i64,
    /// 承認待ち, 見送り, 終了 — shown when not approved.
    pub status_note: Option<String>,
    pub standing: Standing,
    /// The member's address for topics by mail (joined members only).
    pub posting_address: Option<String>,
    /// A notice after an action (参加しました …).
    pub notice: Option<String>,
}

pub fn community(ctx: &Ctx, view: &CommunityView, topics: &ListPage<'_>) -> String {
    let base = format!("/communities/{}", view.id);
    page(
        ctx,
        &view.name,
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(status) = &view.status_note { (alert(ctx, status)) }
            @for line in view.description.lines() { div { (line) } }
            div {
                @if let Some(area) = &view.area { "地域：" (area) " " }
                "メンバー" (view.members) "人"
                @if let Some(owner) = &view.owner { " 管理人：" (owner) }
            }
            @match view.standing {
                Standing::Outsider => {
                    (form(ctx, &format!("{base}/join"), true, html! { (submit("参加する")) }))
                }
                Standing::Member | Standing::Owner => {
                    div { (link(ctx, &format!("{base}/topics/new"), "トピックを立てる", Some(1))) }
                }
                Standing::Closed => {}
            }
            @if let Some(address) = &view.posting_address {
                div { "メールでトピックを立てるあて先（写真3枚まで）：" }
                div { a href=(format!("mailto:{address}")) { (address) } }
                div { img src=(ctx.url(&format!("{base}/qr"))) alt="あて先のQRコード"; }
            }
            (separator(ctx))
            (subheading(ctx, "トピック"))
            @if topics.items.is_empty() { div { "まだトピックはありません。" } }
            @for item in topics.items { (item) }
            (pager(ctx, &base, topics.page, topics.pages))
            @if view.standing == Standing::Member {
                (separator(ctx))
                (form(ctx, &format!("{base}/leave"), true, html! { (submit("このコミュニティをやめる")) }))
            }
            div { (link(ctx, "/communities", "コミュニティ一覧", Some(9))) }
            (footer(ctx))
        },
    )
}
