//! `/posts/new` (投稿する): the form, and a post from it with up to three photos; phones whose
//! browsers do not upload files are pointed to their posting address instead.

use super::{area_choices, category_choices};
use crate::db;
use crate::db::models::area::Area;
use crate::db::models::member::Member;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::{NewThread, Thread};
use crate::domain::mail_route::posting_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::{title_and_body, Category};
use crate::domain::thread::{Channel, Place};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::photo::MAX_PHOTOS;
use crate::routes::request::Posted;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, ok, redirect};
use crate::routes::upload::form_photos;
use actix_web::HttpResponse;
use hiroba_views::pages::posts::new::{new_post, NewPostView};

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let area = visitor
        .db(move |conn| Ok(Member::find(conn, member_id)?.area_id))
        .await?;
    let entered = FormData {
        fields: vec![("area".into(), area.map(|a| a.to_string()).unwrap_or_default())],
        files: Vec::new(),
    };
    render(&visitor, member_id, &entered, Vec::new()).await
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, mut form } = posted;
    let member_id = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let (photos, notes) = form_photos(&mut form).await?;
    let field = |name| form.get(name).unwrap_or_default();
    let category = Category::parse(field("category")).unwrap_or(Category::Other);
    let area_id = field("area").parse::<i64>().ok();
    let (title, body) = match title_and_body(field("title"), field("body"), notes) {
        Ok(both) => both,
        Err(problems) => return render(&visitor, member_id, &form, problems).await,
    };
    let profile = visitor.device.profile.id.clone();
    let post_id = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let area_id = match area_id {
                    Some(id) => Area::find(conn, id)?.map(|a| a.id),
                    None => None,
                };
                let new = NewThread {
                    place: Place::Portal,
                    member_id,
                    title: &title,
                    body: body.as_str(),
                    category: Some(category),
                    area_id,
                    channel: Channel::Web,
                    inbound_mail_id: None,
                    profile: &profile,
                };
                let post_id = Thread::insert(conn, &new)?;
                PhotoInfo::insert_for_thread(conn, member_id, post_id, &photos)?;
                Ok(post_id)
            })
        })
        .await?;
    Ok(redirect(&visitor, &format!("/posts/{post_id}")))
}

/// The form with what was entered and what was wrong with it.
async fn render(
    visitor: &Visitor,
    member_id: i64,
    entered: &FormData,
    problems: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let (areas, token) = visitor
        .db(move |conn| Ok((Area::all(conn)?, Member::posting_token(conn, member_id)?)))
        .await?;
    let uploads = visitor.device.can_upload_files();
    let field = |name| entered.get(name).unwrap_or_default().to_string();
    let view = NewPostView {
        categories: category_choices(None),
        areas: area_choices(&areas, "指定しない"),
        title: field("title"),
        body: field("body"),
        category: field("category"),
        area: field("area"),
        problems,
        photo_fields: if uploads { MAX_PHOTOS } else { 0 },
        posting_address: (!uploads).then(|| posting_address(&token, &visitor.settings().mail.domain)),
    };
    Ok(ok(visitor, &new_post(&ctx(visitor), &view)))
}
