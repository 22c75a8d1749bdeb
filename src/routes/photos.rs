//! `/photos/{id}`: a photo as the viewer's device can take it — for keitai a JPEG (GIF for mova)
//! at the screen width within 20 KB, for smartphones a sharper JPEG, for PCs the stored original.
//! Renditions are made on first request, outside the database closure, at a few bucket widths,
//! and kept. The photo of a hidden post or topic is a 404 for
//! members.

use crate::db::models::photo::{ImageBytes, PhotoInfo};
use crate::db::models::thread::Thread;
use crate::db::DbConnection;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::keitai::detect::Device;
use crate::keitai::profile::Markup;
use crate::photo::{rendition, rendition_width, PhotoFormat};
use crate::routes::request::{render, Visitor};
use actix_web::http::header::CacheDirective;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::threads::show::PhotoRef;

/// What a keitai may download for one picture.
const KEITAI_PHOTO_BYTES: usize = 20 * 1024;
const SMARTPHONE_PHOTO_BYTES: usize = 300 * 1024;

/// The rendition a device gets: (max width, byte cap, format), or None for the original.
pub fn wanted(device: &Device) -> Option<(u32, usize, PhotoFormat)> {
    if device.profile.keitai {
        // mova (i-mode Compact HTML) shows GIF only; every later keitai shows JPEG.
        let format = if device.carrier == "docomo" && device.markup == Markup::Chtml {
            PhotoFormat::Gif
        } else {
            PhotoFormat::Jpeg
        };
        Some((device.screen_width, KEITAI_PHOTO_BYTES, format))
    } else if device.profile.id == "smartphone" {
        Some((device.screen_width * 2, SMARTPHONE_PHOTO_BYTES, PhotoFormat::Jpeg))
    } else {
        None
    }
}

/// A post's or topic's photos as its page shows them on the device.
pub fn photo_refs(device: &Device, photos: &[PhotoInfo]) -> Vec<PhotoRef> {
    photos
        .iter()
        .map(|p| {
            let (width, height) = display_size(
                device,
                u32::try_from(p.width).unwrap_or(0),
                u32::try_from(p.height).unwrap_or(0),
            );
            PhotoRef {
                path: format!("/photos/{}", p.id),
                width,
                height,
            }
        })
        .collect()
}

/// The size a photo is shown at on the device (the `img` width and height).
pub fn display_size(device: &Device, width: u32, height: u32) -> (u32, u32) {
    let max = if device.profile.keitai || device.profile.id == "smartphone" {
        device.screen_width
    } else {
        640
    };
    if width <= max {
        return (width, height);
    }
    (
        max,
        (u64::from(height) * u64::from(max) / u64::from(width.max(1))) as u32,
    )
}

/// Whether a member may see the photo: not when the thread it belongs to is hidden (coordinators
/// see everything).
/// A notebook message's photos are never served here: only its recipients and its school's staff
/// see them, through the notebook's own photo pages.
fn may_see(conn: &mut DbConnection, photo: &PhotoInfo, moderator: bool) -> diesel::QueryResult<bool> {
    let Some(thread_id) = photo.thread_id else {
        return Ok(true);
    };
    let Some(thread) = Thread::find(conn, thread_id)? else {
        return Ok(moderator);
    };
    if matches!(thread.place, crate::domain::thread::Place::Notebook(_)) {
        return Ok(false);
    }
    Ok(moderator || !thread.is_hidden())
}

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Read)?;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    let id = id.into_inner();
    let wanted = wanted(&visitor.device);
    let found = visitor
        .db(move |conn| {
            let photo = PhotoInfo::find(conn, id)?.ok_or(AppError::NotFound)?;
            if !may_see(conn, &photo, moderator)? {
                return Err(AppError::NotFound);
            }
            lookup(conn, &photo, wanted)
        })
        .await?;
    respond(id, rendered(&visitor, found).await?)
}

/// What the database holds for a photo request: the image to send, or the original to render.
pub enum Found {
    Ready(ImageBytes),
    Render(PendingRendition),
}

/// A rendition to make from its original, then to keep under `width`.
pub struct PendingRendition {
    id: i64,
    width: u32,
    max_bytes: usize,
    format: PhotoFormat,
    original: Vec<u8>,
}

/// Inside the database closure: the photo as `wanted` (see `wanted`) asks, if it is kept, else
/// its original. The caller has checked that the viewer may see it. Widths snap to a few buckets
/// (`rendition_width`), so a photo has at most one rendition per bucket and format.
pub fn lookup(
    conn: &mut DbConnection,
    photo: &PhotoInfo,
    wanted: Option<(u32, usize, PhotoFormat)>,
) -> Result<Found, AppError> {
    let Some((screen_width, max_bytes, format)) = wanted else {
        return Ok(Found::Ready(PhotoInfo::original(conn, photo.id)?));
    };
    let width = rendition_width(screen_width, u32::try_from(photo.width).unwrap_or(0));
    if let Some(kept) = PhotoInfo::rendition(conn, photo.id, width as i32, format.extension())? {
        return Ok(Found::Ready(kept));
    }
    Ok(Found::Render(PendingRendition {
        id: photo.id,
        width,
        max_bytes,
        format,
        original: PhotoInfo::original(conn, photo.id)?.bytes,
    }))
}

/// After the database closure: renders what `lookup` could not find, off the executor and
/// holding no pooled connection (decoding and encoding take a while), then keeps it.
pub async fn rendered(visitor: &Visitor, found: Found) -> Result<ImageBytes, AppError> {
    let pending = match found {
        Found::Ready(image) => return Ok(image),
        Found::Render(pending) => pending,
    };
    let (id, width) = (pending.id, pending.width);
    let made = web::block(move || rendition(&pending.original, pending.width, pending.max_bytes, pending.format))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let image = ImageBytes {
        format: made.format.extension().to_string(),
        width: made.width as i32,
        height: made.height as i32,
        bytes: made.bytes,
    };
    let kept = image.clone();
    visitor
        .db(move |conn| Ok(PhotoInfo::keep_rendition(conn, id, width as i32, &kept)?))
        .await?;
    Ok(image)
}

/// The image response of a rendered photo (private: it may be a member's or a school's).
pub fn respond(id: i64, image: ImageBytes) -> Result<HttpResponse, AppError> {
    let format = PhotoFormat::from_extension(&image.format)
        .ok_or_else(|| AppError::internal(format!("photo {id}: unknown format {}", image.format)))?;
    Ok(render::image(
        format,
        vec![CacheDirective::Private, CacheDirective::MaxAge(86400)],
        image.bytes,
    ))
}
