//! `sup-<token>@` and `fam-<token>@`: the matched supporter's 受け渡しコード, the family's 確認 of an
//! activity report.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
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
    // Issue 14: handover and report replies (support-after branch).
    let _ = (ctx, decoded, side, token);
    InboundMail::finish(conn, mail.id, Disposition::Refused, "support replies not handled yet")?;
    Ok(())
}
