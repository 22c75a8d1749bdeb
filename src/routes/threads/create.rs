//! `…/new` (投稿する, トピックを立てる): the form, and a thread from it with up to three photos, in
//! the place of the URL. Phones whose browsers do not upload files are shown their mail address for
//! the place instead. A place that does not take her threads says why (a community: join first).

use super::category_choices;
use super::path::PlacePath;
use super::place::{new_heading, refused};
use crate::db;
use crate::db::models::area::Area;
use crate::db::models::thread::NewThread;
use crate::domain::mail_route::thread_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::{title_and_body, Category};
use crate::domain::thread::{Channel, Place};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::photo::MAX_PHOTOS;
use crate::routes::areas::{area_choices, own_area};
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use crate::routes::upload::form_photos;
use crate::threads::address::token_for;
use crate::threads::{self, Venue};
use actix_web::HttpResponse;
use hiroba_views::pages::threads::new::{new_thread, Classification, NewThreadView};

/// The empty form (the member's own area chosen where the place classifies threads).
pub async fn form(visitor: Visitor, at: PlacePath) -> Result<HttpResponse, AppError> {
    let PlacePath(place) = at;
    let (me, venue) = match writer(&visitor, place).await? {
        Ok(writer) => writer,
        Err(refusal) => return Ok(refusal),
    };
    let entered = if place.classified() {
        own_area(&visitor, me).await?
    } else {
        FormData::default()
    };
    render(&visitor, &venue, me, &entered, Vec::new()).await
}

/// Stores the thread and its photos and redirects to its page, or shows the form again with what
/// was wrong.
pub async fn submit(posted: Posted, at: PlacePath) -> Result<HttpResponse, AppError> {
    let PlacePath(place) = at;
    let Posted { visitor, mut form } = posted;
    let (me, venue) = match writer(&visitor, place).await? {
        Ok(writer) => writer,
        Err(refusal) => return Ok(refusal),
    };
    let (photos, notes) = form_photos(&mut form).await?;
    let field = |name| form.get(name).unwrap_or_default();
    let category = Category::parse(field("category"));
    let area_id = field("area").parse::<i64>().ok();
    let (title, body) = match title_and_body(field("title"), field("body"), notes) {
        Ok(both) => both,
        Err(problems) => return render(&visitor, &venue, me, &form, problems).await,
    };
    let profile = visitor.device.profile.id.clone();
    let id = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                // Checked again in the transaction: she may have left, or the community closed.
                let venue = Venue::find(conn, place)?.ok_or(AppError::NotFound)?;
                if venue.refusal_for(conn, me)?.is_some() {
                    return Err(AppError::Forbidden);
                }
                let area_id = match area_id {
                    Some(id) => Area::find(conn, id)?.map(|a| a.id),
                    None => None,
                };
                let new = NewThread {
                    place,
                    member_id: me,
                    title: &title,
                    body: body.as_str(),
                    category,
                    area_id,
                    channel: Channel::Web,
                    inbound_mail_id: None,
                    profile: &profile,
                };
                Ok(threads::start(conn, &new, &photos)?)
            })
        })
        .await?;
    Ok(redirect(&visitor, &place.thread_path(id)))
}

/// The member and the place if she may write there; else the place's page saying why (a 403), or a
/// 404 when she may not even read it.
async fn writer(visitor: &Visitor, place: Place) -> Result<Result<(i64, Venue), HttpResponse>, AppError> {
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let gate = visitor
        .db(move |conn| {
            let venue = Venue::readable(conn, place, me, false)?.ok_or(AppError::NotFound)?;
            Ok(match venue.refusal_for(conn, me)? {
                None => Ok(venue),
                Some(refusal) => Err(refusal),
            })
        })
        .await?;
    match gate {
        Ok(venue) => Ok(Ok((me, venue))),
        Err(refusal) => Ok(Err(refused(visitor, place, refusal).await?)),
    }
}

/// The form with what was entered and what was wrong with it.
async fn render(
    visitor: &Visitor,
    venue: &Venue,
    me: i64,
    entered: &FormData,
    problems: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let place = venue.place;
    let classified = place.classified();
    let uploads = visitor.device.can_upload_files();
    let (areas, token) = visitor
        .db(move |conn| {
            let areas = if classified { Area::all(conn)? } else { Vec::new() };
            let token = if uploads { None } else { token_for(conn, place, me)? };
            Ok((areas, token))
        })
        .await?;
    let field = |name| entered.get(name).unwrap_or_default().to_string();
    let domain = &visitor.settings().mail.domain;
    let view = NewThreadView {
        action: format!("{}/new", place.threads_path()),
        heading: new_heading(place).into(),
        noun: place.noun().into(),
        place_name: venue.community.as_ref().map(|c| c.name.clone()),
        title: field("title"),
        body: field("body"),
        classification: classified.then(|| Classification {
            categories: category_choices(None),
            areas: area_choices(&areas, "指定しない"),
            category: field("category"),
            area: field("area"),
        }),
        problems,
        photo_fields: if uploads { MAX_PHOTOS } else { 0 },
        posting_address: token.map(|t| thread_address(place, &t, domain)),
    };
    Ok(ok(visitor, &new_thread(&ctx(visitor), &view)))
}
