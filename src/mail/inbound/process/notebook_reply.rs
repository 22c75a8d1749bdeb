//! `nb-<token>@`: a guardian answers a notebook message by reply (survey answers such as `1 2 1`
//! or 「出席」, or a free reply). The token is her recipient row's.

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
