//! `abs-<token>@`: a family's absence notice by mail (欠席・遅刻・早退). The token is the family's;
//! reading and storing are `notebook::absence::take_mail`'s.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::notebook::family::Family;
use crate::db::DbConnection;
use crate::domain::time::jst;
use crate::mail::inbound::decode::DecodedMail;
use crate::notebook::absence::{take_mail, AbsenceMail};

pub fn handle(
    _ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    token: &str,
) -> Result<(), JobError> {
    let Some(family) = Family::by_mail_token(conn, token)? else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "unknown family token")?;
        return Ok(());
    };
    let sender = decoded.from.as_ref().map(|a| a.as_str().to_string());
    let absence = AbsenceMail {
        inbound_mail_id: mail.id,
        sender: sender.as_deref(),
        subject: &decoded.subject,
        body: &decoded.body,
    };
    // The day a mail means by 今日 is the day it arrived (a job retried after midnight too).
    take_mail(conn, &family, &absence, jst(mail.received_at).date_naive())?;
    Ok(())
}
