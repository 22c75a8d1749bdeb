//! `…/codes/letters`: one letter per child to print (PC), each on its own sheet: the child, her
//! code, a QR code of the joining page and the 空メール way.

use crate::components::image;
use crate::ctx::Ctx;
use crate::layout::styled_page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct Letter {
    pub school: String,
    /// 「2年1組」.
    pub class: String,
    pub child: String,
    /// 「K7M2-P9QX」.
    pub code: String,
    /// The QR code image's path (of `<base_url>/notebook/join?code=…`).
    pub qr_path: String,
    /// `<base_url>/notebook/join`.
    pub join_url: String,
}

/// Each letter starts a new printed page.
const STYLE: &str = ".letter{page-break-after:always;break-after:page;padding:2em 0;}\
                     .code{font-size:200%;letter-spacing:.2em;font-weight:bold;}\
                     @media print{.foot,.noprint{display:none;}}";

pub fn letters(ctx: &Ctx, entry_address: &str, letters: &[Letter]) -> String {
    styled_page(
        ctx,
        "連絡帳 登録のお願い",
        None,
        STYLE,
        html! {
            @if letters.is_empty() {
                p.noprint { "申込コードのある子どもがいません。先に申込コードを発行してください。" }
            }
            @for letter in letters {
                div.letter {
                    p { "保護者の皆さまへ" }
                    p { (letter.school) " " (letter.class) " " (letter.child) " さん" }
                    h2 { "デジタル連絡帳 登録のお願い" }
                    p { "学校からのお知らせ、アンケートの回答、欠席・遅刻の連絡を、ケータイ・スマートフォン・パソコンからできる連絡帳を始めます。次のどれかの方法で、保護者お一人ずつご登録ください。" }
                    p { "申込コード：" span.code { (letter.code) } }
                    p { (image(&letter.qr_path, "登録用QRコード", 180, 180)) }
                    ol {
                        li { "スマートフォン：上のQRコードを読み取り、ログインするとコードが入った状態で登録に進めます。" }
                        li { "ケータイ：" (entry_address) " に、本文に申込コードを書いて空メールを送ってください。返ってきたメールのURLから登録に進めます（会員登録がまだの方も同じです）。" }
                        li { "パソコン：" (letter.join_url) " でログインし、申込コードを入力してください。" }
                    }
                    p { "学校の確認のあとで使えるようになる場合があります。きょうだいは、お子さんごとのコードで登録してください。" }
                    p { "申込コードは、お子さんの保護者以外には教えないでください。" }
                }
            }
        },
    )
}
