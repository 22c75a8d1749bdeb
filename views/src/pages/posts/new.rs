//! 投稿する (`/posts/new`): title, body, category and area; photos where the device can upload,
//! else the member's posting address.

use crate::components::{alert, footer, form, label, select, submit, text_area, text_input, upload_form};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone)]
pub struct NewPostView {
    pub categories: Vec<(String, String)>,
    pub areas: Vec<(String, String)>,
    pub title: String,
    pub body: String,
    pub category: String,
    pub area: String,
    /// What was wrong with the last submission.
    pub problems: Vec<String>,
    /// How many photo fields to offer; 0 where the device cannot upload files.
    pub photo_fields: usize,
    /// Offered instead of photo fields.
    pub posting_address: Option<String>,
}

pub fn new_post(ctx: &Ctx, view: &NewPostView) -> String {
    let fields = html! {
        (label("タイトル"))
        (text_input(ctx, "title", &view.title, InputKind::Japanese, 20))
        (label("本文"))
        (text_area(ctx, "body", &view.body, 5))
        (label("分類"))
        (select("category", &view.categories, &view.category))
        (label("地域"))
        (select("area", &view.areas, &view.area))
        @for n in 1..=view.photo_fields {
            (label(&format!("写真{n}")))
            input type="file" name="photo" accept="image/jpeg,image/png,image/gif";
        }
        br;
        (submit("投稿する"))
    };
    page(
        ctx,
        "投稿する",
        html! {
            @for p in &view.problems { (alert(ctx, p)) }
            @if view.photo_fields > 0 {
                (upload_form(ctx, "/posts/new", fields))
            } @else {
                (form(ctx, "/posts/new", true, fields))
                @if let Some(address) = &view.posting_address {
                    div { "写真つきの投稿は、" (address) " あてにメールで送れます。" }
                }
            }
            (footer(ctx))
        },
    )
}
