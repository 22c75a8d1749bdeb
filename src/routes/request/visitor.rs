//! The `Visitor` extractor: device, session, client address and the policy check every handler makes.

use super::device::{device_ctx, device_of};
use super::state::AppState;
use crate::auth::password::Password;
use crate::auth::session::{self, Session, SignedIn, COOKIE_NAME, SID_PARAM};
use crate::config::Settings;
use crate::db;
use crate::db::DbConnection;
use crate::domain::policy::{decide, Action, Decision, Resource};
use crate::error::AppError;
use crate::keitai::client_addr::client_ip;
use crate::keitai::Device;
use crate::keitai::{Codec, ProfileRegistry};
use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use hiroba_views::Ctx;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr};
use std::pin::Pin;

/// Who is asking: the device, its session if any, and the address the request really came from.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub device: Device,
    pub session: Option<Session>,
    pub client_ip: IpAddr,
    /// Where to come back to after login: this page for a GET, my page after a form post.
    pub path: String,
    pub(crate) cookie: CookieChange,
    pub(crate) state: web::Data<AppState>,
}

/// What the response must do with the session cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CookieChange {
    Keep,
    Set(String),
    Clear,
}

impl Visitor {
    pub fn member(&self) -> Option<&SignedIn> {
        self.session.as_ref().and_then(|s| s.member.as_ref())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn settings(&self) -> &Settings {
        &self.state.ctx.settings
    }

    pub fn codec(&self) -> &Codec {
        &self.state.ctx.codec
    }

    pub fn profiles(&self) -> &ProfileRegistry {
        &self.state.ctx.profiles
    }

    /// Runs blocking database work on a pooled connection, off the actix executor.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        db::run(&self.state.pool, work).await
    }

    /// Whether `typed` is the password `stored` hashes (None: no such account, spend the time
    /// anyway), checked on the password threads, never holding a database connection.
    pub async fn verify_password(&self, typed: String, stored: Option<String>) -> Result<bool, AppError> {
        self.state
            .hashes
            .verify(typed, stored)
            .await
            .map_err(|_| AppError::Busy)
    }

    /// A new hash of a password that passed the rules, made on the password threads.
    pub async fn hash_password(&self, password: Password) -> Result<String, AppError> {
        let hashed = self.state.hashes.hash(password).await.map_err(|_| AppError::Busy)?;
        hashed.map_err(AppError::internal)
    }

    /// The session id goes into URLs only for devices that keep no cookies (never for robots).
    pub fn sid_in_urls(&self) -> Option<&str> {
        match &self.session {
            Some(s) if !self.device.cookies && !self.device.crawler => Some(&s.token),
            _ => None,
        }
    }

    /// Asks the policy; anything but Allow becomes the page or redirect that explains it.
    pub fn require(&self, resource: Resource, action: Action) -> Result<(), AppError> {
        let principal = self.member().map(SignedIn::principal);
        match decide(principal.as_ref(), resource, action) {
            Decision::Allow => Ok(()),
            Decision::Login => Err(AppError::Redirect(self.location(&format!(
                "/login?next={}",
                hiroba_views::ctx::percent_encode(&self.path)
            )))),
            Decision::ConfirmPassword => Err(AppError::Redirect(self.location(&format!(
                "/reauth?next={}",
                hiroba_views::ctx::percent_encode(&self.path)
            )))),
            Decision::AwaitApproval => Err(AppError::AwaitingApproval),
            Decision::Deny => Err(AppError::Forbidden),
        }
    }

    /// Whether the policy allows `action` on `resource` outright (to show or leave out a form).
    pub fn may(&self, resource: Resource, action: Action) -> bool {
        let principal = self.member().map(SignedIn::principal);
        decide(principal.as_ref(), resource, action) == Decision::Allow
    }

    /// The signed-in member, after the policy allowed `action` on `resource`.
    pub fn require_member(&self, resource: Resource, action: Action) -> Result<&SignedIn, AppError> {
        self.require(resource, action)?;
        self.member().ok_or(AppError::Forbidden)
    }

    /// Pages with a POST form need a session for the CSRF token: open an anonymous one if needed.
    pub async fn ensure_session(&mut self) -> Result<(), AppError> {
        if self.session.is_some() || self.device.crawler {
            return Ok(());
        }
        let profile = self.device.profile.id.clone();
        let idle = self.idle();
        let started = self
            .db(move |conn| Ok(session::start(conn, &profile, None, idle)?))
            .await?;
        self.switch_to(started);
        Ok(())
    }

    /// Replaces the session (at login: a new id, so a sid known before login is dead after it).
    pub fn switch_to(&mut self, new: Session) {
        self.cookie = CookieChange::Set(new.token.clone());
        self.session = Some(new);
    }

    /// Forgets the session on this response (logout).
    pub fn forget_session(&mut self) {
        self.session = None;
        self.cookie = CookieChange::Clear;
    }

    pub fn idle(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.settings().session_idle_minutes))
    }

    /// An absolute URL of ours (old keitai browsers want absolute redirects), with the sid if needed.
    pub fn location(&self, path: &str) -> String {
        let ctx = ctx(self);
        format!("{}{}", self.settings().base_url, ctx.url(path))
    }
}

/// The view context for a visitor: device, and the sid and CSRF token of the session.
pub fn ctx(visitor: &Visitor) -> Ctx {
    let mut ctx = device_ctx(&visitor.device, &visitor.settings().service_name);
    ctx.sid = visitor.sid_in_urls().map(str::to_string);
    ctx.csrf = visitor.session.as_ref().map(|s| s.csrf.clone());
    ctx.signed_in = visitor.member().is_some();
    ctx
}

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { visitor_of(&req).await })
    }
}

/// Loads the visitor once per request and keeps it in the request's extensions (the error pages
/// reuse it, so their links keep the session).
pub async fn visitor_of(req: &HttpRequest) -> Result<Visitor, AppError> {
    if let Some(v) = req.extensions().get::<Visitor>() {
        return Ok(v.clone());
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("no app state"))?;
    let device = device_of(req)?;
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    // All header lines, in order: a proxy may add its own line instead of extending the client's.
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    let forwarded = forwarded.join(", ");
    let client_ip = client_ip(peer, Some(&forwarded), &state.ctx.settings.trusted_proxies);
    let token = session_token(req, &device);
    let mut visitor = Visitor {
        device,
        session: None,
        client_ip,
        path: if req.method() == Method::GET {
            local_path(req)
        } else {
            "/mypage".to_string()
        },
        cookie: CookieChange::Keep,
        state,
    };
    if let Some(token) = token {
        let profile = visitor.device.profile.id.clone();
        let idle = visitor.idle();
        visitor.session = visitor
            .db(move |conn| Ok(session::load(conn, &token, &profile, idle)?))
            .await?;
    }
    req.extensions_mut().insert(visitor.clone());
    Ok(visitor)
}

/// The session id from the cookie on devices that keep cookies, else from `sid` in the query.
/// A cookie device never takes a sid from a URL: a link must not put it in someone else's session.
fn session_token(req: &HttpRequest, device: &Device) -> Option<String> {
    if device.crawler {
        return None;
    }
    if device.cookies {
        return req.cookie(COOKIE_NAME).map(|c| c.value().to_string());
    }
    req.query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix(SID_PARAM)?.strip_prefix('='))
        .map(str::to_string)
}

/// The request's path and query without any sid, safe to hand back as `next`.
fn local_path(req: &HttpRequest) -> String {
    let query: Vec<&str> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("sid="))
        .collect();
    if query.is_empty() {
        req.path().to_string()
    } else {
        format!("{}?{}", req.path(), query.join("&"))
    }
}
