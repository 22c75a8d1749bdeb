//! Attachments other than images (`notebook_attachments`): a PDF with the text a keitai shows.

use crate::db::schema::notebook_attachments;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// An attachment without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = notebook_attachments)]
pub struct Attachment {
    pub id: i64,
    pub thread_id: i64,
    pub position: i32,
    pub name: String,
    pub content_type: String,
    pub size: i32,
    /// What a keitai shows instead of the file; empty: the standard note.
    pub keitai_text: String,
}

/// A file about to be stored.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub keitai_text: String,
}

impl Attachment {
    /// Stores a message's files in their order; call in the message's transaction.
    pub fn insert_all(
        conn: &mut DbConnection,
        thread_id: i64,
        files: &[NewAttachment],
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        for (position, file) in files.iter().enumerate() {
            diesel::insert_into(notebook_attachments::table)
                .values((
                    notebook_attachments::thread_id.eq(thread_id),
                    notebook_attachments::position.eq(i32::try_from(position).unwrap_or(i32::MAX)),
                    notebook_attachments::name.eq(&file.name),
                    notebook_attachments::content_type.eq(&file.content_type),
                    notebook_attachments::size.eq(i32::try_from(file.bytes.len()).unwrap_or(i32::MAX)),
                    notebook_attachments::bytes.eq(&file.bytes),
                    notebook_attachments::keitai_text.eq(&file.keitai_text),
                    notebook_attachments::created_at.eq(at),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// A message's files in their order.
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<Attachment>> {
        notebook_attachments::table
            .filter(notebook_attachments::thread_id.eq(thread_id))
            .order(notebook_attachments::position)
            .select(Attachment::as_select())
            .load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Attachment>> {
        notebook_attachments::table
            .find(id)
            .select(Attachment::as_select())
            .first(conn)
            .optional()
    }

    /// The file's bytes.
    pub fn bytes(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<u8>> {
        notebook_attachments::table
            .find(id)
            .select(notebook_attachments::bytes)
            .first(conn)
    }
}
