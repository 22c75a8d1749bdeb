//! A message as its guardian reads it: `/notebook/messages/{id}` logged in (read via web) and
//! `/notebook/r/{token}` from the mail, without login (read via link; the token is the key). The
//! first open records the read, once, whatever opens at the same time. Staff of the school may
//! open the logged-in page too (nothing is recorded for them).

use super::reader::{member_reader, reaches};
use crate::db::models::notebook::attachment::Attachment;
use crate::db::models::notebook::message::Message;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::Thread;
use crate::db::models::watch::school::School;
use crate::db::{now, DbConnection};
use crate::domain::notebook::attachment::KEITAI_PDF_NOTE;
use crate::domain::notebook::{AnswerKind, ReadVia};
use crate::error::AppError;
use crate::keitai::Device;
use crate::notebook::deliver::{asks_line, short_time};
use crate::routes::photos::display_size;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::messages::show::{items, message_page, FileItem, MessageView, PhotoItem};
use hiroba_views::text::san;

/// Everything the page shows, read in one go.
struct Loaded {
    view: MessageView,
    body: String,
    photos: Vec<PhotoItem>,
    files: Vec<FileItem>,
}

/// Where the page's links lead: under `/notebook/messages/{id}` or `/notebook/r/{token}`.
#[derive(Clone)]
enum Base {
    Login(i64),
    Token(String),
}

impl Base {
    fn path(&self) -> String {
        match self {
            Base::Login(id) => format!("/notebook/messages/{id}"),
            Base::Token(token) => format!("/notebook/r/{token}"),
        }
    }
}

pub async fn by_login(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let thread_id = id.into_inner();
    let (member_id, reach) = member_reader(&visitor)?;
    let device = visitor.device.clone();
    let loaded = visitor
        .db(move |conn| {
            let own = reaches(conn, member_id, reach, thread_id)?;
            if let Some(own) = &own {
                Recipient::mark_read(conn, own.id, ReadVia::Web, now())?;
            }
            load(conn, thread_id, own.as_ref(), &Base::Login(thread_id), &device)
        })
        .await?;
    Ok(render(&visitor, loaded, &query))
}

pub async fn by_token(
    visitor: Visitor,
    token: web::Path<String>,
    query: KeitaiQuery,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let device = visitor.device.clone();
    let loaded = visitor
        .db(move |conn| {
            let recipient = Recipient::by_token(conn, &token)?.ok_or(AppError::NotFound)?;
            Recipient::mark_read(conn, recipient.id, ReadVia::Link, now())?;
            load(
                conn,
                recipient.thread_id,
                Some(&recipient),
                &Base::Token(token),
                &device,
            )
        })
        .await?;
    Ok(render(&visitor, loaded, &query))
}

fn render(visitor: &Visitor, loaded: Loaded, query: &KeitaiQuery) -> HttpResponse {
    let requested = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let c = ctx(visitor);
    let markup = items(&c, &loaded.body, &loaded.photos, &loaded.files);
    paged_list(visitor, &markup, requested, |list| message_page(&c, &loaded.view, list))
}

fn load(
    conn: &mut DbConnection,
    thread_id: i64,
    recipient: Option<&Recipient>,
    base: &Base,
    device: &Device,
) -> Result<Loaded, AppError> {
    let message = Message::find(conn, thread_id)?.ok_or(AppError::NotFound)?;
    let thread = Thread::find(conn, thread_id)?.ok_or(AppError::NotFound)?;
    let school = School::find(conn, message.school_id)?.ok_or(AppError::NotFound)?;
    let children = match recipient {
        Some(r) => Recipient::children_of(conn, thread_id, Some(r.id))?
            .into_iter()
            .map(|c| san(&c.short_name))
            .collect::<Vec<_>>()
            .join("・"),
        None => String::new(),
    };
    let path = base.path();
    let answer = match (message.answers, recipient) {
        (AnswerKind::None, _) | (_, None) => None,
        (kind, Some(_)) => Some((
            format!("{path}/answer"),
            if kind == AnswerKind::Survey {
                "回答する"
            } else {
                "返信する"
            }
            .to_string(),
            asks_line(&message).unwrap_or_default(),
        )),
    };
    let photos = PhotoInfo::of_thread(conn, thread_id)?
        .into_iter()
        .map(|p| {
            let (width, height) = display_size(
                device,
                u32::try_from(p.width).unwrap_or(0),
                u32::try_from(p.height).unwrap_or(0),
            );
            PhotoItem {
                path: format!("{path}/photos/{}", p.id),
                width,
                height,
            }
        })
        .collect();
    let files = Attachment::of_thread(conn, thread_id)?
        .into_iter()
        .map(|f| {
            if device.profile.keitai {
                let text = if f.keitai_text.trim().is_empty() {
                    KEITAI_PDF_NOTE.to_string()
                } else {
                    f.keitai_text
                };
                FileItem::Text(f.name, text)
            } else {
                let link = match base {
                    Base::Login(_) => format!("/notebook/attachments/{}", f.id),
                    Base::Token(token) => format!("/notebook/r/{token}/attachments/{}", f.id),
                };
                FileItem::Link(link, f.name, format!("{}KB", (i64::from(f.size) + 1023) / 1024))
            }
        })
        .collect();
    Ok(Loaded {
        view: MessageView {
            path,
            school: school.name,
            kind: message.kind.label().to_string(),
            title: thread.title,
            when: short_time(message.sent_at.unwrap_or(message.send_at)),
            children,
            answer,
            back: matches!(base, Base::Login(_)),
        },
        body: thread.body,
        photos,
        files,
    })
}
