//! A message's photos (sized for the phone by the photo pipeline) and files (PDF), to its
//! recipients and its school's staff only.

use super::reader::{member_reader, reaches};
use crate::db::models::notebook::attachment::Attachment;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::photo::PhotoInfo;
use crate::db::DbConnection;
use crate::domain::notebook::attachment::ascii_name;
use crate::error::AppError;
use crate::routes::photos::{lookup, rendered, respond, wanted};
use crate::routes::request::Visitor;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{web, HttpResponse};

/// The photo if it belongs to the message.
fn photo_of(conn: &mut DbConnection, thread_id: i64, photo_id: i64) -> Result<PhotoInfo, AppError> {
    PhotoInfo::find(conn, photo_id)?
        .filter(|p| p.thread_id == Some(thread_id))
        .ok_or(AppError::NotFound)
}

pub async fn photo_by_login(visitor: Visitor, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let (thread_id, photo_id) = path.into_inner();
    let (member_id, reach) = member_reader(&visitor)?;
    let wanted = wanted(&visitor.device);
    let found = visitor
        .db(move |conn| {
            reaches(conn, member_id, reach, thread_id)?;
            let photo = photo_of(conn, thread_id, photo_id)?;
            lookup(conn, &photo, wanted)
        })
        .await?;
    respond(photo_id, rendered(&visitor, found).await?)
}

pub async fn photo_by_token(visitor: Visitor, path: web::Path<(String, i64)>) -> Result<HttpResponse, AppError> {
    let (token, photo_id) = path.into_inner();
    let wanted = wanted(&visitor.device);
    let found = visitor
        .db(move |conn| {
            let recipient = Recipient::by_token(conn, &token)?.ok_or(AppError::NotFound)?;
            let photo = photo_of(conn, recipient.thread_id, photo_id)?;
            lookup(conn, &photo, wanted)
        })
        .await?;
    respond(photo_id, rendered(&visitor, found).await?)
}

pub async fn attachment_by_login(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (member_id, reach) = member_reader(&visitor)?;
    let (file, bytes) = visitor
        .db(move |conn| {
            let file = Attachment::find(conn, id)?.ok_or(AppError::NotFound)?;
            reaches(conn, member_id, reach, file.thread_id)?;
            let bytes = Attachment::bytes(conn, id)?;
            Ok((file, bytes))
        })
        .await?;
    Ok(download(&file, bytes))
}

pub async fn attachment_by_token(visitor: Visitor, path: web::Path<(String, i64)>) -> Result<HttpResponse, AppError> {
    let (token, id) = path.into_inner();
    let (file, bytes) = visitor
        .db(move |conn| {
            let recipient = Recipient::by_token(conn, &token)?.ok_or(AppError::NotFound)?;
            let file = Attachment::find(conn, id)?
                .filter(|f| f.thread_id == recipient.thread_id)
                .ok_or(AppError::NotFound)?;
            let bytes = Attachment::bytes(conn, id)?;
            Ok((file, bytes))
        })
        .await?;
    Ok(download(&file, bytes))
}

fn download(file: &Attachment, bytes: Vec<u8>) -> HttpResponse {
    let disposition = format!(
        "inline; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_name(&file.name),
        hiroba_views::ctx::percent_encode(&file.name)
    );
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, file.content_type.clone()))
        .insert_header((CONTENT_DISPOSITION, disposition))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}
