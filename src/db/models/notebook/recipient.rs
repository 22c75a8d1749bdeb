//! A guardian a message went to (`notebook_recipients`): her token (link and reply address), the
//! address the notice went to, and her read receipt. Making the rows of a message is
//! `notebook::deliver`'s; this file reads them and records reads.

use crate::db::schema::{children, members, notebook_recipient_children, notebook_recipients};
use crate::db::DbConnection;
use crate::domain::notebook::ReadVia;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// Rows per multi-row INSERT: well under SQLite's bound-parameter limit, few round trips.
const BATCH: usize = 200;

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

/// A recipient about to be stored by `notebook::deliver`.
#[derive(Debug, Clone)]
pub struct NewRecipient {
    pub member_id: i64,
    pub token: String,
    pub address: Option<String>,
    pub notice_outbox_id: Option<i64>,
}

/// A child a recipient got the message for, as the receipts page groups them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForChild {
    pub recipient_id: i64,
    pub child_id: i64,
    pub short_name: String,
    pub grade: i32,
    pub class_name: String,
}

impl Recipient {
    /// Stores a message's recipients in a few multi-row INSERTs; their ids by token.
    pub fn insert_all(
        conn: &mut DbConnection,
        thread_id: i64,
        recipients: &[NewRecipient],
    ) -> QueryResult<HashMap<String, i64>> {
        for chunk in recipients.chunks(BATCH) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|r| {
                    (
                        notebook_recipients::thread_id.eq(thread_id),
                        notebook_recipients::member_id.eq(r.member_id),
                        notebook_recipients::token.eq(&r.token),
                        notebook_recipients::address.eq(r.address.as_deref()),
                        notebook_recipients::notice_outbox_id.eq(r.notice_outbox_id),
                    )
                })
                .collect();
            let insert = diesel::insert_into(notebook_recipients::table).values(rows);
            match conn {
                DbConnection::Sqlite(c) => insert.execute(c)?,
                #[cfg(feature = "postgres")]
                DbConnection::Postgres(c) => insert.execute(c)?,
            };
        }
        let ids: Vec<(String, i64)> = notebook_recipients::table
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .select((notebook_recipients::token, notebook_recipients::id))
            .load(conn)?;
        Ok(ids.into_iter().collect())
    }

    /// Stores which children each recipient got the message for, as (recipient, child) pairs.
    pub fn insert_children(conn: &mut DbConnection, pairs: &[(i64, i64)]) -> QueryResult<()> {
        for chunk in pairs.chunks(BATCH) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|(recipient, child)| {
                    (
                        notebook_recipient_children::recipient_id.eq(*recipient),
                        notebook_recipient_children::child_id.eq(*child),
                    )
                })
                .collect();
            let insert = diesel::insert_into(notebook_recipient_children::table).values(rows);
            // Multi-row VALUES is per backend in diesel (the multi-connection has no batch insert).
            match conn {
                DbConnection::Sqlite(c) => insert.execute(c)?,
                #[cfg(feature = "postgres")]
                DbConnection::Postgres(c) => insert.execute(c)?,
            };
        }
        Ok(())
    }

    /// The children of a message's recipients (of one recipient when `recipient_id` is given),
    /// by class and name.
    pub fn children_of(
        conn: &mut DbConnection,
        thread_id: i64,
        recipient_id: Option<i64>,
    ) -> QueryResult<Vec<ForChild>> {
        let mut query = notebook_recipient_children::table
            .inner_join(notebook_recipients::table)
            .inner_join(children::table)
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .into_boxed();
        if let Some(id) = recipient_id {
            query = query.filter(notebook_recipients::id.eq(id));
        }
        let rows: Vec<(i64, i64, String, i32, String)> = query
            .order((
                children::grade,
                children::class_name,
                children::id,
                notebook_recipients::id,
            ))
            .select((
                notebook_recipients::id,
                children::id,
                children::short_name,
                children::grade,
                children::class_name,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(recipient_id, child_id, short_name, grade, class_name)| ForChild {
                recipient_id,
                child_id,
                short_name,
                grade,
                class_name,
            })
            .collect())
    }

    /// The nicknames of a message's recipients, by recipient id.
    pub fn nicknames(conn: &mut DbConnection, thread_id: i64) -> QueryResult<HashMap<i64, String>> {
        let rows: Vec<(i64, String)> = notebook_recipients::table
            .inner_join(members::table)
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .select((notebook_recipients::id, members::nickname))
            .load(conn)?;
        Ok(rows.into_iter().collect())
    }

    /// Marks for a reminder the unread recipients with an address not reminded since `since`,
    /// in one conditional UPDATE (two presses at once remind each once); the rows marked.
    pub fn take_for_reminder(
        conn: &mut DbConnection,
        thread_id: i64,
        since: NaiveDateTime,
        at: NaiveDateTime,
    ) -> QueryResult<Vec<Recipient>> {
        let ids: Vec<i64> = diesel::update(
            notebook_recipients::table
                .filter(notebook_recipients::thread_id.eq(thread_id))
                .filter(notebook_recipients::read_at.is_null())
                .filter(notebook_recipients::address.is_not_null())
                .filter(
                    notebook_recipients::reminded_at
                        .is_null()
                        .or(notebook_recipients::reminded_at.le(since)),
                ),
        )
        .set(notebook_recipients::reminded_at.eq(at))
        .returning(notebook_recipients::id)
        .get_results(conn)?;
        Ok(notebook_recipients::table
            .filter(notebook_recipients::id.eq_any(&ids))
            .order(notebook_recipients::id)
            .select(Row::as_select())
            .load(conn)?
            .into_iter()
            .map(Recipient::from)
            .collect())
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
