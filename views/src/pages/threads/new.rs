//! The form for a new thread (投稿する, トピックを立てる): title and body, a category and an area
//! where the place classifies its threads, photos where the device uploads files, else the member's
//! mail address for the place.

use crate::components::{alert, footer, form, label, select, submit, text_area, text_input, upload_form};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// The category and area selects with what was chosen.
#[derive(Debug, Clone)]
pub struct Classification {
    pub categories: Vec<(String, String)>,
    pub areas: Vec<(String, String)>,
    pub category: String,
    pub area: String,
}

#[derive(Debug, Clone)]
pub struct NewThreadView {
    /// Where the form posts.
    pub action: String,
    /// The page's title and the button: 投稿する, トピックを立てる.
    pub heading: String,
    /// What a thread is called here: 投稿, トピック.
    pub noun: String,
    /// Where it goes (a community's name), above the form.
    pub place_name: Option<String>,
    pub title: String,
    pub body: String,
    pub classification: Option<Classification>,
    /// What was wrong with the last submission.
    pub problems: Vec<String>,
    /// How many photo fields to offer; 0 where the device cannot upload files.
    pub photo_fields: usize,
    /// Offered instead of photo fields.
    pub posting_address: Option<String>,
}

/// The form page.
pub fn new_thread(ctx: &Ctx, view: &NewThreadView) -> String {
    let fields = html! {
        (label("タイトル"))
        (text_input(ctx, "title", &view.title, InputKind::Japanese, 20))
        (label("本文"))
        (text_area(ctx, "body", &view.body, 5))
        @if let Some(c) = &view.classification {
            (label("分類"))
            (select("category", &c.categories, &c.category))
            (label("地域"))
            (select("area", &c.areas, &c.area))
        }
        @for n in 1..=view.photo_fields {
            (label(&format!("写真{n}")))
            input type="file" name="photo" accept="image/jpeg,image/png,image/gif";
        }
        br;
        (submit(&view.heading))
    };
    page(
        ctx,
        &view.heading,
        html! {
            @if let Some(name) = &view.place_name { div { (name) } }
            @for p in &view.problems { (alert(ctx, p)) }
            @if view.photo_fields > 0 {
                (upload_form(ctx, &view.action, fields))
            } @else {
                (form(ctx, &view.action, true, fields))
                @if let Some(address) = &view.posting_address {
                    div { "写真つきの" (view.noun) "は、" (address) " あてにメールで送れます。" }
                }
            }
            (footer(ctx))
        },
    )
}
