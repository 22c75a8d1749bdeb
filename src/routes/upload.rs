//! Photos sent with a web form (クチコミ, community topics): the `photo` fields through the same
//! ingest as mailed photos.

use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::photo::{ingest_post_photos, Original, Upload};
use actix_web::web;

/// The usable photos of the form's `photo` fields, and a sentence for each one that was refused.
pub async fn form_photos(form: &mut FormData) -> Result<(Vec<Original>, Vec<String>), AppError> {
    let files: Vec<_> = std::mem::take(&mut form.files)
        .into_iter()
        .filter(|f| f.field == "photo" && !f.bytes.is_empty())
        .collect();
    // Decoding and re-encoding photos is CPU work: off the executor, like the database.
    web::block(move || {
        ingest_post_photos(files.iter().map(|f| Upload {
            name: Some(f.filename.as_str()).filter(|n| !n.is_empty()),
            bytes: &f.bytes,
        }))
    })
    .await
    .map_err(AppError::internal)
}
