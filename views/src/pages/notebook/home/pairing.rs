//! `/home` on an unpaired device: the pairing code and the device's name.

use crate::components::{alert, form, label, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

#[derive(Debug, Clone, Default)]
pub struct PairingView {
    /// As typed (kept after an error).
    pub code: String,
    pub name: String,
    pub error: Option<String>,
    /// The device had a board that was unpaired.
    pub unpaired: bool,
}

pub fn pairing(ctx: &Ctx, view: &PairingView) -> String {
    page(
        ctx,
        "ホーム端末",
        html! {
            @if view.unpaired { (alert(ctx, "この端末の伝言板は解除されました。もう一度つなぐには、番号を入れてください。")) }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "この端末を、ご家庭の伝言板にします。保護者の方が連絡帳の「伝言板」で「ホーム端末をつなぐ」を押すと出る6けたの番号を入れてください。" }
            (form(ctx, "/home/pair", true, html! {
                (label("ペアリング番号（6けた）"))
                (text_input(ctx, "code", &view.code, InputKind::Number, 8))
                (label("端末の名前（例：リビングのタブレット）"))
                (text_input(ctx, "name", &view.name, InputKind::Japanese, 20))
                div { (submit("つなぐ")) }
            }))
        },
    )
}
