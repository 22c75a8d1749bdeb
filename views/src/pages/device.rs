//! ご利用の機種: what Hiroba detected about the phone, for members and support staff.

use crate::components::{footer, form, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// The facts shown on the device page.
#[derive(Debug, Clone)]
pub struct DeviceView {
    pub profile_name: String,
    pub model: String,
    pub browser: String,
    pub screen_width: u32,
    pub cookies: bool,
    pub charset: String,
    pub max_page_kb: usize,
    pub user_agent: String,
}

pub fn device(ctx: &Ctx, view: &DeviceView) -> String {
    let unknown = |s: &str| {
        if s.is_empty() {
            "不明".to_string()
        } else {
            s.to_string()
        }
    };
    page(
        ctx,
        "ご利用の機種",
        html! {
            (subheading(ctx, "判定結果"))
            div {
                "種類：" (view.profile_name) br;
                "機種：" (unknown(&view.model)) br;
                "ブラウザ：" (unknown(&view.browser)) br;
                "画面の幅：" (view.screen_width) "ドット" br;
                "Cookie：" (if view.cookies { "使えます" } else { "使えません（URLでログイン状態を保ちます）" }) br;
                "文字コード：" (view.charset) br;
                "1ページの上限：" (view.max_page_kb) "KB" br;
            }
            (subheading(ctx, "文字の送信テスト"))
            (form(ctx, "/device/echo", true, html! {
                (text_input(ctx, "text", "", InputKind::Japanese, 16))
                (submit("送信"))
            }))
            (subheading(ctx, "お問い合わせの際は"))
            div { "表示がおかしいときは、この画面の内容をコーディネーターにお知らせください。" }
            div { small { (view.user_agent) } }
            (footer(ctx))
        },
    )
}
