//! `POST /api/v1/readers/{id}/events` and `/heartbeat`: signed by the reader's own secret.

use super::reply::ApiError;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::routes::request::AppState;
use crate::watch::batch::{parse_batch, parse_heartbeat, BatchError, MAX_BODY_BYTES};
use crate::watch::health;
use crate::watch::ingest::ingest;
use crate::watch::signature::{verify, SignedHeaders};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use futures_util::StreamExt;
use serde_json::json;

pub async fn events(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> HttpResponse {
    let stored = signed_write(
        state,
        &req,
        &path,
        payload,
        true,
        parse_batch,
        |conn, state, reader, events| {
            let school = School::find(conn, reader.school_id)?.ok_or(diesel::result::Error::NotFound)?;
            let outcome = ingest(conn, &state.ctx.settings, reader, &school, events)?;
            health::heard_from(conn, &state.ctx.settings, reader, None, None)?;
            Ok(outcome)
        },
    )
    .await;
    match stored {
        Ok(outcome) => HttpResponse::Ok().json(outcome),
        Err(e) => e.response(),
    }
}

pub async fn heartbeat(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> HttpResponse {
    let stored = signed_write(
        state,
        &req,
        &path,
        payload,
        false,
        parse_heartbeat,
        |conn, state, reader, beat| {
            let battery = beat.battery.map(|b| i32::from(b.get()));
            let firmware = beat.firmware.as_ref().map(|f| f.as_str());
            health::heard_from(conn, &state.ctx.settings, reader, battery, firmware)
        },
    )
    .await;
    match stored {
        Ok(()) => HttpResponse::Ok().json(json!({"ok": true})),
        Err(e) => e.response(),
    }
}

/// Authenticates the request, parses its body and runs `work` on it in one transaction (see
/// `in_transaction`), off the async executor.
async fn signed_write<B, T>(
    state: web::Data<AppState>,
    req: &HttpRequest,
    reader_id: &str,
    payload: web::Payload,
    json_required: bool,
    parse: fn(&[u8]) -> Result<B, BatchError>,
    work: impl Fn(&mut DbConnection, &AppState, &Reader, &B) -> diesel::QueryResult<T> + Send + 'static,
) -> Result<T, ApiError>
where
    B: Send + 'static,
    T: Send + 'static,
{
    let signed = authenticate(&state, req, reader_id, payload, json_required).await?;
    let body = parse(&signed.body).map_err(batch_error)?;
    let shared = state.clone();
    let done = web::block(move || {
        let mut conn = shared.pool.get().map_err(ApiError::try_again)?;
        in_transaction(&mut conn, &signed, |conn, reader| work(conn, &shared, reader, &body))
    })
    .await
    .map_err(ApiError::try_again)??;
    // Committed: alert mails may go now rather than at the workers' next poll.
    state.wakeup.notify();
    Ok(done)
}

/// A request whose signature checked out, not yet checked for replay.
struct Signed {
    reader: Reader,
    signature: String,
    body: Vec<u8>,
}

/// Reads the body (bounded), finds the reader and checks the signature and the clock.
async fn authenticate(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    reader_id: &str,
    mut payload: web::Payload,
    json_required: bool,
) -> Result<Signed, ApiError> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_json = content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    // A heartbeat may come without a body and so without a type; anything typed must be JSON.
    if !is_json && (json_required || !content_type.is_empty()) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send Content-Type: application/json",
        ));
    }
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_body", e.to_string()))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the body is larger than {MAX_BODY_BYTES} bytes; send smaller batches"),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    let unknown = || ApiError::new(StatusCode::NOT_FOUND, "unknown_reader", "no reader with this id");
    let id: i64 = reader_id.parse().map_err(|_| unknown())?;
    let pool = state.pool.clone();
    let reader = web::block(move || {
        let mut conn = pool.get().map_err(ApiError::try_again)?;
        Reader::find(&mut conn, id).map_err(ApiError::try_again)
    })
    .await
    .map_err(ApiError::try_again)??
    .ok_or_else(unknown)?;
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let headers = SignedHeaders {
        timestamp: header("X-Hiroba-Timestamp"),
        signature: header("X-Hiroba-Signature"),
    };
    let verified = verify(
        reader.secret.as_bytes(),
        &headers,
        req.method().as_str(),
        req.path(),
        &body,
        chrono::Utc::now().timestamp(),
    )
    .map_err(|e| ApiError::new(StatusCode::UNAUTHORIZED, e.code(), e.message()))?;
    Ok(Signed {
        reader,
        signature: hex(&verified.signature),
        body,
    })
}

/// Runs `work` in one durable transaction after recording the signature: a replay changes
/// nothing, and a 200 is only sent for a commit that survives power loss (the reader deletes what
/// we acknowledge).
/// Two copies of one batch arriving at once collide on (reader, seq); the loser tries once more
/// and then finds the events stored, as duplicates.
fn in_transaction<T>(
    conn: &mut DbConnection,
    signed: &Signed,
    work: impl Fn(&mut DbConnection, &Reader) -> diesel::QueryResult<T>,
) -> Result<T, ApiError> {
    let attempt = |conn: &mut DbConnection| {
        crate::db::durable_write_transaction(conn, |conn| {
            if !Reader::remember_request(conn, signed.reader.id, &signed.signature)? {
                return Ok(None);
            }
            work(conn, &signed.reader).map(Some)
        })
    };
    let outcome = match attempt(conn) {
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => attempt(conn),
        other => other,
    };
    match outcome {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "replayed",
            "this signature was already used; sign every request anew",
        )),
        Err(e) => Err(ApiError::try_again(e)),
    }
}

fn batch_error(e: BatchError) -> ApiError {
    let mut error = ApiError::new(StatusCode::BAD_REQUEST, e.code, e.message);
    error.extra = Some(json!({"index": e.index, "field": e.field}));
    error
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
