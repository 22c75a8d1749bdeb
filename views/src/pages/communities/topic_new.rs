//! トピックを立てる (`/communities/{id}/topics/new`): title and body; photos where the device uploads
//! files, else the member's mail address for this community.

use crate::components::{alert, footer, form, label, submit, text_area, text_input, upload_form};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct NewTopicView {
    pub community_id: i64,
    pub community: String,
    pub title: String,
    pub body: String,
    pub problems: Vec<String>,
    /// How many photo fields to offer; 0 where the device cannot upload files.
    pub photo_fields: usize,
    /// Offered instead of photo fields.
    pub posting_address: Option<String>,
}

pub fn new_topic(ctx: &Ctx, view: &NewTopicView) -> String {
    let action = format!("/communities/{}/topics/new", view.community_id);
    let fields = html! {
        (label("タイトル"))
        (text_input(ctx, "title", &view.title, InputKind::Japanese, 20))
        (label("本文"))
        (text_area(ctx, "body", &view.body, 5))
        @for n in 1..=view.photo_fields {
            (label(&format!("写真{n}")))
            input type="file" name="photo" accept="image/jpeg,image/png,image/gif";
        }
        br;
        (submit("トピックを立てる"))
    };
    page(
        ctx,
        "トピックを立てる",
        html! {
            div { (view.community) }
            @for p in &view.problems { (alert(ctx, p)) }
            @if view.photo_fields > 0 {
                (upload_form(ctx, &action, fields))
            } @else {
                (form(ctx, &action, true, fields))
                @if let Some(address) = &view.posting_address {
                    div { "写真つきのトピックは、" (address) " あてにメールで送れます。" }
                }
            }
            (footer(ctx))
        },
    )
}
