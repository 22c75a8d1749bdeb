//! Coordinators' mail page: mails sent, failed and bounced per carrier and day, and what failed.

use crate::components::{footer, subheading};
use crate::ctx::Ctx;
use crate::layout::console_page;
use maud::html;

/// One day's counts for one carrier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarrierDay {
    /// e.g. 11/21
    pub day: String,
    /// The carrier's display name (ドコモ, au, …).
    pub carrier: String,
    pub sent: usize,
    pub failed: usize,
    pub unknown_user: usize,
    pub filtered: usize,
    pub other_bounces: usize,
}

/// A mail that was given up.
#[derive(Debug, Clone)]
pub struct FailedMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub queued: String,
    pub error: String,
}

pub fn mail_status(ctx: &Ctx, days: &[CarrierDay], failed: &[FailedMail]) -> String {
    console_page(
        ctx,
        "メール配信状況",
        html! {
            (subheading(ctx, "キャリア別・日別（直近14日）"))
            @if days.is_empty() {
                div { "この期間に送ったメールはありません。" }
            } @else {
                table {
                    tr { th { "日付" } th { "キャリア" } th { "送信" } th { "送信失敗" } th { "宛先不明" } th { "受信拒否" } th { "その他の不達" } }
                    @for d in days {
                        tr {
                            td { (d.day) } td { (d.carrier) } td { (d.sent) } td { (d.failed) }
                            td { (d.unknown_user) } td { (d.filtered) } td { (d.other_bounces) }
                        }
                    }
                }
            }
            (subheading(ctx, "送れなかったメール（新しい順）"))
            @if failed.is_empty() {
                div { "ありません。" }
            }
            @for f in failed {
                div { "#" (f.id) " " (f.queued) " " (f.kind) " → " (f.recipient) }
                div { "理由：" (f.error) }
            }
            (footer(ctx))
        },
    )
}
