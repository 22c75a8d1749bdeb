//! Where a thread is, read from its URL: `/posts/{thread}` is the portal's,
//! `/communities/{community}/topics/{thread}` a community's. An id that is no number is a 404, like a
//! missing thread.

use crate::domain::thread::Place;
use crate::error::AppError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use std::future::{ready, Ready};

/// The place of a URL (`…/new`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacePath(pub Place);

/// A thread's URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadPath {
    pub place: Place,
    pub id: i64,
}

impl ThreadPath {
    /// The thread's page.
    pub fn path(self) -> String {
        self.place.thread_path(self.id)
    }
}

/// A comment's URL (`…/comments/{comment}/moderate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentPath {
    pub thread: ThreadPath,
    pub id: i64,
}

fn number(req: &HttpRequest, name: &str) -> Result<i64, AppError> {
    req.match_info()
        .get(name)
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::NotFound)
}

fn place_of(req: &HttpRequest) -> Result<Place, AppError> {
    match req.match_info().get("community") {
        None => Ok(Place::Portal),
        Some(_) => number(req, "community").map(Place::Community),
    }
}

fn thread_of(req: &HttpRequest) -> Result<ThreadPath, AppError> {
    Ok(ThreadPath {
        place: place_of(req)?,
        id: number(req, "thread")?,
    })
}

impl FromRequest for PlacePath {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(place_of(req).map(PlacePath))
    }
}

impl FromRequest for ThreadPath {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(thread_of(req))
    }
}

impl FromRequest for CommentPath {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(thread_of(req).and_then(|thread| {
            Ok(CommentPath {
                thread,
                id: number(req, "comment")?,
            })
        }))
    }
}
