//! A guardian a message went to (`notebook_recipients`): her token (link and reply address), the
//! address the notice went to, and her read receipt. Making the rows of a message is
//! `notebook::deliver`'s; this file reads them and records reads.

use crate::db::schema::notebook_recipients;
use crate::db::DbConnection;
use crate::domain::notebook::ReadVia;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: i64,
    pub thread_id: i64,
    pub member_id: i64,
    /// Her link (`/notebook/r/<token>`) and reply address (`nb-<token>@`).
    pub token: String,
    /// The address the notice went to; `None` when she has none that takes mail.
    pub address: Option<String>,
    pub read_at: Option<NaiveDateTime>,
    pub read_via: Option<ReadVia>,
    pub reminded_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notebook_recipients)]
struct Row {
    id: i64,
    thread_id: i64,
    member_id: i64,
    token: String,
    address: Option<String>,
    read_at: Option<NaiveDateTime>,
    read_via: Option<String>,
    reminded_at: Option<NaiveDateTime>,
}

impl From<Row> for Recipient {
    fn from(row: Row) -> Recipient {
        Recipient {
            id: row.id,
            thread_id: row.thread_id,
            member_id: row.member_id,
            token: row.token,
            address: row.address,
            read_at: row.read_at,
            // The column's CHECK allows only the three; a newer one reads as a web read.
            read_via: row.read_via.map(|v| ReadVia::parse(&v).unwrap_or(ReadVia::Web)),
            reminded_at: row.reminded_at,
        }
    }
}

impl Recipient {
    /// The recipient row of this token (a mail's link or reply address).
    pub fn by_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Recipient>> {
        Ok(notebook_recipients::table
            .filter(notebook_recipients::token.eq(token))
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .map(Recipient::from))
    }

    /// The member's row for a message, if it went to her.
    pub fn of(conn: &mut DbConnection, thread_id: i64, member_id: i64) -> QueryResult<Option<Recipient>> {
        Ok(notebook_recipients::table
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .filter(notebook_recipients::member_id.eq(member_id))
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .map(Recipient::from))
    }

    /// A message's recipients, in the order they were made.
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<Recipient>> {
        Ok(notebook_recipients::table
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .order(notebook_recipients::id)
            .select(Row::as_select())
            .load(conn)?
            .into_iter()
            .map(Recipient::from)
            .collect())
    }

    /// Records her first read (later ones change nothing): one conditional UPDATE, so two reads
    /// at once record one. True when this was the first.
    pub fn mark_read(conn: &mut DbConnection, id: i64, via: ReadVia, at: NaiveDateTime) -> QueryResult<bool> {
        let changed = diesel::update(
            notebook_recipients::table
                .filter(notebook_recipients::id.eq(id))
                .filter(notebook_recipients::read_at.is_null()),
        )
        .set((
            notebook_recipients::read_at.eq(at),
            notebook_recipients::read_via.eq(via.key()),
        ))
        .execute(conn)?;
        Ok(changed == 1)
    }
}

/// How many messages a guardian has not opened yet (her start page shows the number).
pub fn unread_count(conn: &mut DbConnection, member_id: i64) -> QueryResult<i64> {
    notebook_recipients::table
        .filter(notebook_recipients::member_id.eq(member_id))
        .filter(notebook_recipients::read_at.is_null())
        .count()
        .get_result(conn)
}
