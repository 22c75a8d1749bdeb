//! `/admin/watch/children/{id}`: a coordinator gives a child a new tag (紛失・再発行) or releases
//! it, and sets who gets the child's pass mails. Not audited: it shows no history.

use crate::db;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::recipient::{AddRecipientError, Recipient, MAX_PER_CHILD};
use crate::db::models::watch::school::School;
use crate::db::models::watch::tag::TagAssignment;
use crate::db::{now, DbConnection};
use crate::domain::clock::{QuietHours, TimeOfDay};
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::admin::watch::{id_field, short_text, Feedback};
use crate::routes::extract::Posted;
use crate::routes::render::{ctx, ok};
use crate::routes::visitor::Visitor;
use crate::watch::batch::TagId;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::watch_child::{child_admin, ChildAdminView, RecipientRow, TagRow};
use hiroba_views::pages::watch_settings::NO_TIME;

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::WatchSetup, Action::Read)?;
    render(&visitor, id.into_inner(), Feedback::None).await
}

/// The reason written to a released assignment when none was typed.
const DEFAULT_REASON: &str = "紛失";

pub async fn assign_tag(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let tag = match TagId::parse(form.get("tag").unwrap_or_default()) {
        Ok(tag) => tag,
        Err(e) => return render(&visitor, id, Feedback::refused(e.japanese())).await,
    };
    let reason = short_text(form.get("reason"), 20).unwrap_or_else(|| DEFAULT_REASON.into());
    let feedback = db::run(&visitor.state().pool, move |conn| {
        let child = Child::find(conn, id)?.ok_or(AppError::NotFound)?;
        let at = now();
        match TagAssignment::child_at(conn, tag.as_str(), at)? {
            Some(holder) if holder != child.id => {
                let name = Child::find(conn, holder)?.map(|c| c.name).unwrap_or_default();
                return Ok(Feedback::refused(format!(
                    "タグ {} は {name}さんが使っています。先にそちらのタグを解除してください。",
                    tag.as_str()
                )));
            }
            _ => {}
        }
        TagAssignment::assign(conn, tag.as_str(), child.id, &reason, at)?;
        Ok(Feedback::Done(format!("タグを {} に切り替えました。", tag.as_str())))
    })
    .await?;
    render(&visitor, id, feedback).await
}

pub async fn release_tag(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let reason = short_text(form.get("reason"), 20).unwrap_or_else(|| DEFAULT_REASON.into());
    db::run(&visitor.state().pool, move |conn| {
        Child::find(conn, id)?.ok_or(AppError::NotFound)?;
        Ok(TagAssignment::release_child(conn, id, &reason)?)
    })
    .await?;
    render(&visitor, id, Feedback::done("タグを解除しました。")).await
}

pub async fn add_recipient(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let (Ok(address), Some(label)) = (
        EmailAddress::parse(form.get("address").unwrap_or_default()),
        short_text(form.get("label"), 10),
    ) else {
        return render(
            &visitor,
            id,
            Feedback::refused("メールアドレスと続柄（10文字以内）を入力してください。"),
        )
        .await;
    };
    let quiet = match QuietHours::parse(
        form.get("quiet_from").unwrap_or_default(),
        form.get("quiet_until").unwrap_or_default(),
    ) {
        Ok(quiet) => quiet.map(QuietHours::minutes),
        Err(e) => return render(&visitor, id, Feedback::refused(e.to_string())).await,
    };
    let feedback = db::run(&visitor.state().pool, move |conn| {
        Child::find(conn, id)?.ok_or(AppError::NotFound)?;
        Ok(match Recipient::upsert(conn, id, address.as_str(), &label, quiet) {
            Ok(_) => Feedback::Done(format!("{address} をお知らせ先にしました。")),
            Err(AddRecipientError::TooMany) => Feedback::refused(AddRecipientError::TooMany.to_string()),
            Err(AddRecipientError::Db(e)) => return Err(e.into()),
        })
    })
    .await?;
    render(&visitor, id, feedback).await
}

pub async fn remove_recipient(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let recipient = id_field(&form, "recipient")?;
    let removed = db::run(&visitor.state().pool, move |conn| {
        Ok(Recipient::remove(conn, id, recipient)?)
    })
    .await?;
    let feedback = if removed {
        Feedback::done("お知らせ先から外しました。")
    } else {
        Feedback::None
    };
    render(&visitor, id, feedback).await
}

async fn render(visitor: &Visitor, id: i64, feedback: Feedback) -> Result<HttpResponse, AppError> {
    let (child, school, tags, recipients) = db::run(&visitor.state().pool, move |conn| {
        let child = Child::find(conn, id)?.ok_or(AppError::NotFound)?;
        let school = School::find(conn, child.school_id)?.map(|s| s.name).unwrap_or_default();
        let tags = TagAssignment::history(conn, id)?;
        let recipients = recipient_rows(conn, child.school_id, id)?;
        Ok((child, school, tags, recipients))
    })
    .await?;
    let date = |at| jst(at).format("%Y/%m/%d").to_string();
    let mut times = vec![NO_TIME.to_string()];
    times.extend(TimeOfDay::half_hours().map(|t| t.to_string()));
    let (notice, error) = feedback.split();
    let view = ChildAdminView {
        id: child.id,
        school_id: child.school_id,
        school,
        class: format!("{}年{}", child.grade, child.class_name),
        tag: tags.iter().find(|t| t.released_at.is_none()).map(|t| t.tag.clone()),
        tags: tags
            .iter()
            .map(|t| TagRow {
                tag: t.tag.clone(),
                from: date(t.assigned_at),
                until: match t.released_at {
                    None => "使用中".into(),
                    Some(at) => format!("{}（{}）", date(at), t.release_reason.clone().unwrap_or_default()),
                },
            })
            .collect(),
        name: child.name,
        code: child.code,
        recipients,
        max_recipients: MAX_PER_CHILD,
        times,
        notice,
        error,
    };
    Ok(ok(visitor, &child_admin(&ctx(visitor), &view)))
}

/// The child's recipients as coordinators read them: quiet hours and the chosen readers by name.
fn recipient_rows(conn: &mut DbConnection, school_id: i64, child_id: i64) -> Result<Vec<RecipientRow>, AppError> {
    let readers = Reader::of_school(conn, school_id)?;
    let mut rows = Vec::new();
    for r in Recipient::of_child(conn, child_id)? {
        let places = if r.all_readers {
            "すべて".to_string()
        } else {
            let chosen = Recipient::chosen_readers(conn, r.id)?;
            let names: Vec<&str> = readers
                .iter()
                .filter(|x| chosen.contains(&x.id))
                .map(|x| x.name.as_str())
                .collect();
            names.join("、")
        };
        rows.push(RecipientRow {
            id: r.id,
            quiet: QuietHours::stored(r.quiet_from, r.quiet_until).map_or("なし".to_string(), |q| q.to_string()),
            readers: places,
            address: r.address,
            label: r.label,
        });
    }
    Ok(rows)
}
