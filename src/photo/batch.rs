//! The photos of one post (from a mail or a web form): each ingested, at most [`MAX_PHOTOS`] kept,
//! and a note in the member's words for each one left out.

use super::{ingest, Original, PhotoError};

/// Photos kept per post; more are named in the notes.
pub const MAX_PHOTOS: usize = 3;

/// One uploaded or attached file: its name (if any) and bytes.
pub struct Upload<'a> {
    pub name: Option<&'a str>,
    pub bytes: &'a [u8],
}

/// The usable photos (cleaned) and a note for each file that could not be used.
pub fn ingest_post_photos<'a>(uploads: impl IntoIterator<Item = Upload<'a>>) -> (Vec<Original>, Vec<String>) {
    let mut photos = Vec::new();
    let mut notes = Vec::new();
    for (n, upload) in uploads.into_iter().enumerate() {
        let name = upload.name.map_or_else(|| format!("写真{}", n + 1), str::to_string);
        if photos.len() == MAX_PHOTOS {
            notes.push(format!("写真は{MAX_PHOTOS}枚までです。「{name}」は載せていません。"));
            continue;
        }
        match ingest(upload.bytes) {
            Ok(photo) => photos.push(photo),
            Err(e @ PhotoError::Heic) => notes.push(e.user_message().to_string()),
            Err(e) => notes.push(format!("「{name}」: {}", e.user_message())),
        }
    }
    (photos, notes)
}
