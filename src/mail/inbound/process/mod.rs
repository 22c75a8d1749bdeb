//! Processing a stored inbound mail (a job): decode it and hand it to the handler of its address.

mod absence;
mod authenticity;
mod bounce;
mod entry;
mod notebook_reply;
mod poster;
mod support;
mod support_match;
mod support_offer;
mod thread;

use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::DbConnection;
use crate::domain::mail_route::Route;
use crate::mail::inbound::decode::decode;

/// Why a job did not finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth another try later (the database was busy or unreachable).
    #[error("{0}")]
    Transient(String),
    /// Will never work; the job is marked failed for an operator.
    #[error("{0}")]
    Permanent(String),
}

impl From<diesel::result::Error> for JobError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => JobError::Permanent("row not found".into()),
            other => JobError::Transient(other.to_string()),
        }
    }
}

pub fn process_inbound(ctx: &Context, conn: &mut DbConnection, id: i64) -> Result<(), JobError> {
    let mail = InboundMail::find(conn, id)?;
    if mail.status != "pending" {
        // Finished by an earlier run of this job (a worker died after committing).
        return Ok(());
    }
    let Some(route) = Route::parse(&mail.recipient, &ctx.settings.mail.domain) else {
        InboundMail::finish(conn, id, Disposition::Refused, "not one of our addresses")?;
        return Ok(());
    };
    if let Route::Bounce {
        outbox_id,
        tag,
        address,
    } = &route
    {
        return bounce::handle(ctx, conn, &mail, *outbox_id, tag, address);
    }
    let decoded = match decode(&mail.raw, &ctx.codec, &ctx.profiles) {
        Ok(decoded) => decoded,
        Err(unusable) => {
            InboundMail::finish(conn, id, Disposition::Refused, &unusable.to_string())?;
            return Ok(());
        }
    };
    if decoded.automatic {
        // Auto-replies and bounces to entry@ or a posting address: never answer them.
        InboundMail::finish(conn, id, Disposition::Refused, "automatic mail ignored")?;
        return Ok(());
    }
    match route {
        Route::Entry => entry::handle(ctx, conn, &mail, &decoded),
        Route::Thread { place, token } => thread::handle(ctx, conn, &mail, &decoded, place, &token),
        Route::Support { side, token } => support::handle(ctx, conn, &mail, &decoded, side, &token),
        Route::NotebookReply { token } => notebook_reply::handle(ctx, conn, &mail, &decoded, &token),
        Route::Absence { token } => absence::handle(ctx, conn, &mail, &decoded, &token),
        Route::Bounce { .. } => Ok(()),
    }
}
