//! Stored photos (already stripped of metadata and bounded) and their per-device renditions.

use crate::db::schema::{photo_renditions, photos};
use crate::db::{now, DbConnection};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// A photo's description without its bytes.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = photos)]
pub struct PhotoInfo {
    pub id: i64,
    pub member_id: i64,
    /// The thread it shows in (a post's or a topic's photo).
    pub thread_id: Option<i64>,
    pub format: String,
    pub width: i32,
    pub height: i32,
}

/// Image bytes with what is needed to serve them.
#[derive(Debug, Clone, Queryable)]
pub struct ImageBytes {
    pub format: String,
    pub width: i32,
    pub height: i32,
    pub bytes: Vec<u8>,
}

impl PhotoInfo {
    /// Stores a thread's photos (already ingested) in their order.
    pub fn insert_for_thread(
        conn: &mut DbConnection,
        member_id: i64,
        thread_id: i64,
        photos: &[crate::photo::Original],
    ) -> QueryResult<()> {
        for (position, photo) in photos.iter().enumerate() {
            diesel::insert_into(photos::table)
                .values((
                    photos::member_id.eq(member_id),
                    photos::thread_id.eq(thread_id),
                    photos::position.eq(i32::try_from(position).unwrap_or(i32::MAX)),
                    photos::format.eq(photo.format.extension()),
                    photos::width.eq(i32::try_from(photo.width).unwrap_or(i32::MAX)),
                    photos::height.eq(i32::try_from(photo.height).unwrap_or(i32::MAX)),
                    photos::bytes.eq(&photo.bytes),
                    photos::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PhotoInfo>> {
        photos::table
            .find(id)
            .select(PhotoInfo::as_select())
            .first(conn)
            .optional()
    }

    /// A thread's photos in their order.
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<PhotoInfo>> {
        photos::table
            .filter(photos::thread_id.eq(thread_id))
            .order(photos::position)
            .select(PhotoInfo::as_select())
            .load(conn)
    }

    /// The bounded original.
    pub fn original(conn: &mut DbConnection, id: i64) -> QueryResult<ImageBytes> {
        photos::table
            .find(id)
            .select((photos::format, photos::width, photos::height, photos::bytes))
            .first(conn)
    }

    /// A rendition made earlier for this width and format.
    pub fn rendition(
        conn: &mut DbConnection,
        id: i64,
        max_width: i32,
        format: &str,
    ) -> QueryResult<Option<ImageBytes>> {
        photo_renditions::table
            .find((id, max_width, format))
            .select((
                photo_renditions::format,
                photo_renditions::width,
                photo_renditions::height,
                photo_renditions::bytes,
            ))
            .first(conn)
            .optional()
    }

    /// Keeps a rendition; another request may have stored the same one first.
    pub fn keep_rendition(conn: &mut DbConnection, id: i64, max_width: i32, image: &ImageBytes) -> QueryResult<()> {
        let stored = diesel::insert_into(photo_renditions::table)
            .values((
                photo_renditions::photo_id.eq(id),
                photo_renditions::max_width.eq(max_width),
                photo_renditions::format.eq(&image.format),
                photo_renditions::width.eq(image.width),
                photo_renditions::height.eq(image.height),
                photo_renditions::bytes.eq(&image.bytes),
            ))
            .execute(conn);
        match stored {
            Ok(_) | Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
