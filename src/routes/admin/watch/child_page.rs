//! The page of one child for coordinators (`/admin/watch/children/{id}`): the child, the tag
//! history and who gets the pass mails, shown again after each action of `child` and `recipients`.

use crate::db::models::watch::child::Child;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::recipient::{Recipient, MAX_PER_CHILD};
use crate::db::models::watch::school::School;
use crate::db::models::watch::tag::TagAssignment;
use crate::db::DbConnection;
use crate::domain::clock::QuietHours;
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::admin::feedback::Feedback;
use crate::routes::request::{ctx, ok, Visitor};
use crate::routes::watch::settings::time_choices;
use actix_web::HttpResponse;
use hiroba_views::pages::admin::watch::child::{child_admin, ChildAdminView, RecipientRow, TagRow};

/// The child's page with what the last action said.
pub async fn render(visitor: &Visitor, id: i64, feedback: Feedback) -> Result<HttpResponse, AppError> {
    let (child, school, tags, recipients) = visitor
        .db(move |conn| {
            let child = Child::find(conn, id)?.ok_or(AppError::NotFound)?;
            let school = School::find(conn, child.school_id)?.map(|s| s.name).unwrap_or_default();
            let tags = TagAssignment::history(conn, id)?;
            let recipients = recipient_rows(conn, child.school_id, id)?;
            Ok((child, school, tags, recipients))
        })
        .await?;
    let date = |at| jst(at).format("%Y/%m/%d").to_string();
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
        times: time_choices(),
        notice,
        error,
    };
    Ok(ok(visitor, &child_admin(&ctx(visitor), &view)))
}

/// The child's recipients as coordinators read them: quiet hours and the chosen readers by name.
pub fn recipient_rows(conn: &mut DbConnection, school_id: i64, child_id: i64) -> Result<Vec<RecipientRow>, AppError> {
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
