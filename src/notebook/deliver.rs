//! Sending a message: its recipients (one per guardian, naming each of her children the message is
//! for), their tokens and the notices through the outbox, all in one transaction.

use crate::context::Context;
use crate::db::DbConnection;
use diesel::QueryResult;

/// The `notebook_send` job: makes the recipients of message `thread_id` and queues their notices,
/// once (a message already sent is left alone).
pub fn send_due(_ctx: &Context, _conn: &mut DbConnection, _thread_id: i64) -> QueryResult<()> {
    // FOUNDATION STUB: the messages helper writes this.
    Ok(())
}
