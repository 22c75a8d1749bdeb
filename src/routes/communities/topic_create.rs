//! `/communities/{id}/topics/new` (トピックを立てる): joined members write a topic with up to three
//! photos; phones whose browsers do not upload files get their mail address for this community.

use super::{may_post, show::render_with};
use crate::db;
use crate::db::models::community::Community;
use crate::db::models::member::Member;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::{NewThread, Thread};
use crate::domain::mail_route::community_posting_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::title_and_body;
use crate::domain::thread::{Channel, Place};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::photo::MAX_PHOTOS;
use crate::routes::request::Posted;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, ok, redirect};
use crate::routes::upload::form_photos;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::communities::topic_new::{new_topic, NewTopicView};

/// What a member may post to: the community, or why not.
enum Gate {
    Open(Community),
    Refused(&'static str),
}

async fn gate(visitor: &Visitor, id: i64, me: i64) -> Result<Gate, AppError> {
    visitor
        .db(move |conn| {
            let found = super::visible(conn, id, me, false)?;
            Ok(match may_post(conn, &found, me)? {
                None => Gate::Open(found),
                Some(why) => Gate::Refused(why),
            })
        })
        .await
}

pub async fn form(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let id = id.into_inner();
    match gate(&visitor, id, me).await? {
        Gate::Open(found) => render(&visitor, &found, me, &FormData::default(), Vec::new()).await,
        Gate::Refused(why) => render_with(&visitor, id, why, StatusCode::FORBIDDEN).await,
    }
}

pub async fn submit(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, mut form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let id = id.into_inner();
    let found = match gate(&visitor, id, me).await? {
        Gate::Open(found) => found,
        Gate::Refused(why) => return render_with(&visitor, id, why, StatusCode::FORBIDDEN).await,
    };
    let (photos, notes) = form_photos(&mut form).await?;
    let field = |name| form.get(name).unwrap_or_default();
    let (title, body) = match title_and_body(field("title"), field("body"), notes) {
        Ok(both) => both,
        Err(problems) => return render(&visitor, &found, me, &form, problems).await,
    };
    let profile = visitor.device.profile.id.clone();
    let topic_id = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                // Checked again in the transaction: she may have left, or the community closed, meanwhile.
                let current = Community::find(conn, id)?.ok_or(AppError::NotFound)?;
                if may_post(conn, &current, me)?.is_some() {
                    return Err(AppError::Forbidden);
                }
                let new = NewThread {
                    place: Place::Community(id),
                    member_id: me,
                    title: &title,
                    body: body.as_str(),
                    category: None,
                    area_id: None,
                    channel: Channel::Web,
                    inbound_mail_id: None,
                    profile: &profile,
                };
                let topic_id = Thread::insert(conn, &new)?;
                PhotoInfo::insert_for_thread(conn, me, topic_id, &photos)?;
                Community::touch(conn, id)?;
                Ok(topic_id)
            })
        })
        .await?;
    Ok(redirect(&visitor, &format!("/communities/{id}/topics/{topic_id}")))
}

/// The form with what was entered and what was wrong with it.
async fn render(
    visitor: &Visitor,
    community: &Community,
    me: i64,
    entered: &FormData,
    problems: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let uploads = visitor.device.can_upload_files();
    let token = if uploads {
        None
    } else {
        Some(visitor.db(move |conn| Ok(Member::posting_token(conn, me)?)).await?)
    };
    let field = |name| entered.get(name).unwrap_or_default().to_string();
    let domain = &visitor.settings().mail.domain;
    let view = NewTopicView {
        community_id: community.id,
        community: community.name.clone(),
        title: field("title"),
        body: field("body"),
        problems,
        photo_fields: if uploads { MAX_PHOTOS } else { 0 },
        posting_address: token.map(|t| community_posting_address(community.id, &t, domain)),
    };
    Ok(ok(visitor, &new_topic(&ctx(visitor), &view)))
}
