//! `/notebook/schools/{school}/messages/new`: a teacher writes a message. A bad form (or a refused
//! file: too large, or not an image or PDF) comes back with its reasons and what was typed, and
//! nothing is written; a good one is written with its send job (`notebook::compose`).

use crate::db::models::notebook::attachment::NewAttachment;
use crate::db::models::notebook::family::Family;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::now;
use crate::domain::notebook::attachment::{classify, FileKind};
use crate::domain::notebook::targeting::class_key;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::notebook::access::staff_school;
use crate::notebook::compose::{write_message, DraftInput, Files};
use crate::photo::{ingest_post_photos, Upload};
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::messages::compose::{compose_page, ComposeValues, ComposeView};
use std::collections::{BTreeSet, HashSet};

/// The school if the visitor works there (404 otherwise).
async fn school_of(visitor: &Visitor, school_id: i64, action: Action) -> Result<(i64, School), AppError> {
    let member = visitor.require_member(Resource::NotebookSchool, action)?;
    let (member_id, reach) = (member.member_id, child_reach(&member.principal()));
    let school = visitor
        .db(move |conn| staff_school(conn, member_id, reach, school_id)?.ok_or(AppError::NotFound))
        .await?;
    Ok((member_id, school))
}

pub async fn form(visitor: Visitor, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let (_, school) = school_of(&visitor, school.into_inner(), Action::Create).await?;
    let values = ComposeValues {
        kind: "letter".into(),
        audience: "school".into(),
        answers: "none".into(),
        ..ComposeValues::default()
    };
    show(&visitor, school, values, Vec::new()).await
}

pub async fn create(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, mut form } = posted;
    let (member_id, school) = school_of(&visitor, school.into_inner(), Action::Create).await?;
    let input = input_of(&form);
    let values = values_of(&input, form.get("pdf_text").unwrap_or_default());
    let mut errors = match input.parse(now()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    let files = files_of(&visitor, &mut form, values.pdf_text.clone(), &mut errors).await?;
    let draft = match input.parse(now()) {
        Ok(draft) if errors.is_empty() => draft,
        _ => return show(&visitor, school, values, errors).await,
    };
    let profile = visitor.device.profile.id.clone();
    let school_id = school.id;
    let written = visitor
        .db(move |conn| Ok(write_message(conn, member_id, school_id, &draft, &files, &profile)?))
        .await?;
    match written {
        Ok(thread_id) => {
            visitor.state().wakeup.notify();
            Ok(redirect(
                &visitor,
                &format!("/notebook/schools/{school_id}/messages/{thread_id}"),
            ))
        }
        Err(refused) => show(&visitor, school, values, vec![refused]).await,
    }
}

/// The form's files: images through the photo pipeline, PDFs as they are; each refused one adds
/// its reason to `errors`.
async fn files_of(
    visitor: &Visitor,
    form: &mut FormData,
    pdf_text: String,
    errors: &mut Vec<String>,
) -> Result<Files, AppError> {
    let max = visitor.settings().notebook.attachment_max_bytes;
    let uploads: Vec<_> = std::mem::take(&mut form.files)
        .into_iter()
        .filter(|f| f.field == "file" && !f.bytes.is_empty())
        .collect();
    let mut images = Vec::new();
    let mut files = Files::default();
    for upload in uploads {
        match classify(&upload.filename, &upload.bytes, max) {
            Ok(FileKind::Image) => images.push(upload),
            Ok(FileKind::Pdf) => files.attachments.push(NewAttachment {
                name: if upload.filename.trim().is_empty() {
                    "資料.pdf".into()
                } else {
                    upload.filename.trim().to_string()
                },
                content_type: "application/pdf".into(),
                bytes: upload.bytes,
                keitai_text: pdf_text.trim().to_string(),
            }),
            Err(refused) => errors.push(refused.to_string()),
        }
    }
    if !images.is_empty() && errors.is_empty() {
        // Decoding and re-encoding photos is CPU work: off the executor, like the database.
        let (photos, refused) = web::block(move || {
            ingest_post_photos(images.iter().map(|f| Upload {
                name: Some(f.filename.as_str()).filter(|n| !n.is_empty()),
                bytes: &f.bytes,
            }))
        })
        .await
        .map_err(AppError::internal)?;
        errors.extend(refused);
        files.photos = photos;
    }
    Ok(files)
}

/// The form with its mistakes above it.
async fn show(
    visitor: &Visitor,
    school: School,
    values: ComposeValues,
    errors: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let school_id = school.id;
    let keitai = visitor.device.profile.keitai;
    let (children, joined) = visitor
        .db(move |conn| {
            let children = Child::of_school(conn, school_id)?;
            let ids: Vec<i64> = children.iter().map(|c| c.id).collect();
            let joined: HashSet<i64> = Family::guardians_of_children(conn, &ids)?
                .into_iter()
                .map(|(child, _)| child)
                .collect();
            Ok((children, joined))
        })
        .await?;
    let classes: BTreeSet<(i32, String)> = children.iter().map(|c| (c.grade, c.class_name.clone())).collect();
    let grades: BTreeSet<i32> = classes.iter().map(|(g, _)| *g).collect();
    let mut family_children: Vec<&Child> = children.iter().filter(|c| joined.contains(&c.id)).collect();
    family_children.sort_by(|a, b| (a.grade, &a.class_name, &a.name).cmp(&(b.grade, &b.class_name, &b.name)));
    let view = ComposeView {
        school_id,
        school_name: school.name,
        errors,
        values,
        grades: grades.into_iter().collect(),
        classes: classes
            .iter()
            .map(|(g, c)| (class_key(*g, c), format!("{g}年{c}")))
            .collect(),
        // A school's whole roster does not fit a keitai page: one family is chosen on a PC.
        children: if keitai {
            Vec::new()
        } else {
            family_children
                .iter()
                .map(|c| (c.id.to_string(), format!("{}年{} {}", c.grade, c.class_name, c.name)))
                .collect()
        },
        max_kb: visitor.settings().notebook.attachment_max_bytes / 1024,
    };
    Ok(ok(visitor, &compose_page(&ctx(visitor), &view)))
}

fn input_of(form: &FormData) -> DraftInput {
    let text = |name: &str| form.get(name).unwrap_or_default().to_string();
    DraftInput {
        kind: text("kind"),
        title: text("title"),
        body: text("body"),
        audience: text("audience"),
        grades: form.all("grade").map(str::to_string).collect(),
        classes: form.all("class").map(str::to_string).collect(),
        child: text("child"),
        send_date: text("send_date"),
        send_time: text("send_time"),
        answers: text("answers"),
        questions: (1..=5)
            .map(|n| (text(&format!("q{n}")), text(&format!("c{n}"))))
            .collect(),
        until_date: text("until_date"),
        until_time: text("until_time"),
    }
}

fn values_of(input: &DraftInput, pdf_text: &str) -> ComposeValues {
    ComposeValues {
        kind: input.kind.clone(),
        title: input.title.clone(),
        body: input.body.clone(),
        audience: input.audience.clone(),
        grades: input.grades.clone(),
        classes: input.classes.clone(),
        child: input.child.clone(),
        send_date: input.send_date.clone(),
        send_time: input.send_time.clone(),
        answers: input.answers.clone(),
        questions: input.questions.clone(),
        until_date: input.until_date.clone(),
        until_time: input.until_time.clone(),
        pdf_text: pdf_text.to_string(),
    }
}
