//! `offer-<token>@`: a supporter answers an offer by reply (1/はい/OK accepts, 2/いいえ declines).
//! The matched sides' replies (`sup-`, `fam-`) are `support_match`'s.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::InboundMail;
use crate::db::DbConnection;
use crate::domain::mail_route::SupportSide;
use crate::mail::inbound::decode::DecodedMail;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    side: SupportSide,
    token: &str,
) -> Result<(), JobError> {
    match side {
        SupportSide::Offer => super::support_offer::handle(ctx, conn, mail, decoded, token),
        SupportSide::Supporter | SupportSide::Family => {
            super::support_match::handle(ctx, conn, mail, decoded, side, token)
        }
    }
}
