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
    pub post_id: Option<i64>,
    pub topic_id: Option<i64>,
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
    pub fn insert(
        conn: &mut DbConnection,
        member_id: i64,
        post_id: Option<i64>,
        position: i32,
        image: &ImageBytes,
    ) -> QueryResult<i64> {
        PhotoInfo::insert_owned(conn, member_id, (post_id, None), position, image)
    }

    /// Stores a photo of a post or of a community topic (`owner`: post id, topic id).
    fn insert_owned(
        conn: &mut DbConnection,
        member_id: i64,
        owner: (Option<i64>, Option<i64>),
        position: i32,
        image: &ImageBytes,
    ) -> QueryResult<i64> {
        let (post_id, topic_id) = owner;
        diesel::insert_into(photos::table)
            .values((
                photos::member_id.eq(member_id),
                photos::post_id.eq(post_id),
                photos::topic_id.eq(topic_id),
                photos::position.eq(position),
                photos::format.eq(&image.format),
                photos::width.eq(image.width),
                photos::height.eq(image.height),
                photos::bytes.eq(&image.bytes),
                photos::created_at.eq(now()),
            ))
            .returning(photos::id)
            .get_result(conn)
    }

    /// Stores a post's photos (already ingested) in their order.
    pub fn insert_for_post(
        conn: &mut DbConnection,
        member_id: i64,
        post_id: i64,
        photos: &[crate::photo::Original],
    ) -> QueryResult<()> {
        PhotoInfo::insert_all(conn, member_id, (Some(post_id), None), photos)
    }

    /// Stores a community topic's photos (already ingested) in their order.
    pub fn insert_for_topic(
        conn: &mut DbConnection,
        member_id: i64,
        topic_id: i64,
        photos: &[crate::photo::Original],
    ) -> QueryResult<()> {
        PhotoInfo::insert_all(conn, member_id, (None, Some(topic_id)), photos)
    }

    fn insert_all(
        conn: &mut DbConnection,
        member_id: i64,
        owner: (Option<i64>, Option<i64>),
        photos: &[crate::photo::Original],
    ) -> QueryResult<()> {
        for (position, photo) in photos.iter().enumerate() {
            let image = ImageBytes {
                format: photo.format.extension().to_string(),
                width: i32::try_from(photo.width).unwrap_or(i32::MAX),
                height: i32::try_from(photo.height).unwrap_or(i32::MAX),
                bytes: photo.bytes.clone(),
            };
            let position = i32::try_from(position).unwrap_or(i32::MAX);
            PhotoInfo::insert_owned(conn, member_id, owner, position, &image)?;
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

    pub fn of_post(conn: &mut DbConnection, post_id: i64) -> QueryResult<Vec<PhotoInfo>> {
        photos::table
            .filter(photos::post_id.eq(post_id))
            .order(photos::position)
            .select(PhotoInfo::as_select())
            .load(conn)
    }

    pub fn of_topic(conn: &mut DbConnection, topic_id: i64) -> QueryResult<Vec<PhotoInfo>> {
        photos::table
            .filter(photos::topic_id.eq(topic_id))
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
