//! 「メールが届かないときは」: how members let our mail through each carrier's filters, how to post
//! by mail and how to register with an empty mail.
//!
//! One page for every carrier, because a keitai owner rarely knows which menu their phone has; it
//! must still fit a 5 KB mova handset, so each step is one short line and there is no table.

use crate::components::{footer, separator, subheading};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

/// What the help page needs to name our addresses.
#[derive(Debug, Clone)]
pub struct MailHelpView {
    /// The domain members register in 指定受信 (`HIROBA_MAIL_DOMAIN`).
    pub domain: String,
    /// The address our mail comes from.
    pub from_address: String,
    /// 空メール registration: an empty mail to this address brings a registration link.
    pub entry_address: String,
    /// Explain posting by mail (the reader is a member who has a posting address).
    pub posting_note: bool,
}

pub fn mail_help(ctx: &Ctx, view: &MailHelpView) -> String {
    let domain = view.domain.as_str();
    page(
        ctx,
        "メールが届かないときは",
        html! {
            div { "お知らせは " (view.from_address) " から送ります。" }
            div { "届かないときは、迷惑メールの設定で止められていることがほとんどです。" }
            (subheading(ctx, "届かない主な理由"))
            div { "・迷惑メールフィルター" }
            div { "・指定受信（決めた相手だけ受け取る）" }
            div { "・なりすまし拒否" }
            div { "・URL付きメールの拒否" }
            div { "次の手順で、ドメイン「" (domain) "」を受け取れるように登録してください。" }
            div { "途中で暗証番号やパスワードを聞かれます。わからないときは各社のショップでおたずねください。" }
            (subheading(ctx, "ドコモ"))
            (steps("ケータイ", "iMenu→お客様サポート→各種設定→メール設定→詳細設定/解除→受信/拒否設定", domain))
            (steps("スマホ", "My docomo→設定→メール設定→受信リスト設定", domain))
            (subheading(ctx, "au"))
            (steps("ケータイ", "EZボタン→トップメニュー→auお客さまサポート→迷惑メールフィルター→受信リスト設定", domain))
            (steps("スマホ", "auメール→メール設定→アドレス変更・迷惑メール設定→受信リスト", domain))
            div { "「必ず受信」があればチェックしてください。" }
            (subheading(ctx, "ソフトバンク"))
            (steps("ケータイ", "Y!ボタン→My SoftBank→メール設定→迷惑メールブロック設定→個別設定→受信許可リスト", domain))
            (steps("スマホ", "My SoftBank→メール設定→迷惑メール対策→受信許可リスト", domain))
            div { "「URLリンク付きメール拒否」は「受け取る」にしてください。" }
            (subheading(ctx, "ウィルコム・ワイモバイル"))
            (steps("PHS", "オンラインサインアップ→設定変更→迷惑メール防止→指定受信", domain))
            (steps("ワイモバイル", "My Y!mobile→メール設定→受信許可リスト", domain))
            (subheading(ctx, "iPhone・Android・パソコン"))
            div { "キャリアのメール（docomo.ne.jp、au.com、i.softbank.jpなど）は上と同じです。" }
            div { "Gmailやパソコンでは「迷惑メール」フォルダを見て、あれば「迷惑メールではない」にしてください。" }
            div { (view.from_address) " をアドレス帳に入れると確実です。" }
            (subheading(ctx, "設定がすんだら"))
            div { "マイページの「テストメールを送る」で届くか確かめてください。" }
            @if view.posting_note {
                (posting(ctx))
            }
            (subheading(ctx, "空メールで会員登録"))
            div { "上の設定をすませてから、" (view.entry_address) " あてに何も書かずにメールを送ってください。" }
            div { "登録のご案内が届きます（URLは24時間有効）。" }
            (separator(ctx))
            div { "わからないときは、お近くのコーディネーターにお声がけください。" }
            (footer(ctx))
        },
    )
}

/// One carrier menu path, ending with what to register there.
fn steps(device: &str, path: &str, domain: &str) -> Markup {
    html! {
        div { "［" (device) "］" (path) "に「" (domain) "」を登録" }
    }
}

/// 投稿: the posting address is on マイページ and secret; the sender must be a registered address.
fn posting(ctx: &Ctx) -> Markup {
    html! {
        (subheading(ctx, "メールで投稿するには"))
        div { "マイページの「メールで投稿」にある、あなた専用の投稿用アドレスあてに送ります。" }
        div { "・登録したメールアドレスから送ってください。" }
        div { "・件名が題名、本文が記事になります。" }
        div { "・写真は3枚までつけられます。" }
        div { "・投稿用アドレスはほかの人に教えないでください。知られたときは、マイページで新しくできます。" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctx::{Flavor, InputHint, Styling};

    /// A mova handset without cookies: CHTML, no CSS, the session id in every URL.
    fn mova() -> Ctx {
        Ctx {
            flavor: Flavor::Chtml,
            styling: Styling::None,
            input_hint: InputHint::Istyle,
            keypad: true,
            charset: "Shift_JIS",
            sid: Some("Zx81aB3dE5fG7hJ9kL1mN3pQ".into()),
            csrf: None,
            signed_in: true,
            service: "かしわ子育てひろば".into(),
        }
    }

    fn view(posting_note: bool) -> MailHelpView {
        MailHelpView {
            domain: "hiroba.example.jp".into(),
            from_address: "info@hiroba.example.jp".into(),
            entry_address: "entry@hiroba.example.jp".into(),
            posting_note,
        }
    }

    /// Shift_JIS bytes, counted the way the encoder writes them: one per ASCII character, two for
    /// everything else (a keycap's digit is counted too, so this errs on the large side).
    fn sjis_bytes(html: &str) -> usize {
        html.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
    }

    #[test]
    fn the_page_names_our_domain_and_addresses() {
        let html = mail_help(&mova(), &view(true));
        assert!(html.contains("「hiroba.example.jp」を登録"), "{html}");
        assert!(html.contains("info@hiroba.example.jp"), "{html}");
        assert!(html.contains("entry@hiroba.example.jp"), "{html}");
        for carrier in ["ドコモ", "au", "ソフトバンク", "ウィルコム", "パソコン"] {
            assert!(html.contains(carrier), "{carrier} missing");
        }
    }

    #[test]
    fn posting_is_explained_only_when_asked_for() {
        assert!(mail_help(&mova(), &view(true)).contains("投稿用アドレス"));
        assert!(!mail_help(&mova(), &view(false)).contains("投稿用アドレス"));
    }

    #[test]
    fn the_page_fits_a_5_kb_mova_handset() {
        let html = mail_help(&mova(), &view(true));
        let bytes = sjis_bytes(&html);
        assert!(bytes <= 5 * 1024, "{bytes} bytes in Shift_JIS");
    }

    #[test]
    fn keitai_get_no_style_of_ours() {
        let html = mail_help(&mova(), &view(true));
        assert!(!html.contains("style"), "{html}");
    }
}
