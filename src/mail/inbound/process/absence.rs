//! `abs-<token>@`: a family's absence notice by mail (欠席・遅刻・早退). The token is the family's.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::DbConnection;
use crate::mail::inbound::decode::DecodedMail;

pub fn handle(
    _ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    _decoded: &DecodedMail,
    _token: &str,
) -> Result<(), JobError> {
    // FOUNDATION STUB: replaced by the notebook's mail handling.
    InboundMail::finish(conn, mail.id, Disposition::Refused, "not read yet")?;
    Ok(())
}
