//! `/notebook/absences/new`: a guardian reports 欠席・遅刻・早退 for one of her family's children.
//! A day before today or more than 30 days ahead is refused with what was typed kept.

use crate::db::models::notebook::absence::NewAbsence;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::school_settings::SchoolSettings;
use crate::db::models::watch::child::Child;
use crate::domain::mail_route::absence_address;
use crate::domain::notebook::absence::{form_day, MAX_NOTE_CHARS};
use crate::domain::notebook::{AbsenceKind, Channel};
use crate::domain::policy::{Action, Resource};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::notebook::absence::record;
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::absence::form::{absence_form, AbsenceFormView};
use hiroba_views::pages::notebook::absence::list::no_family;

/// What the form needs from the database: the family's children and each child's school reasons.
struct FamilyChoices {
    mail_token: String,
    children: Vec<(Child, Vec<String>)>,
}

/// The form's fields as typed.
#[derive(Debug, Clone, Default)]
struct Fields {
    child: String,
    when: String,
    date: String,
    kind: String,
    reason: String,
    note: String,
}

pub async fn form(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::Notebook, Action::Create)?.member_id;
    visitor.ensure_session().await?;
    let Some(family) = load(&visitor, member_id).await? else {
        return Ok(ok(&visitor, &no_family(&ctx(&visitor))));
    };
    let fields = Fields {
        child: query.0.get("child").unwrap_or_default().to_string(),
        when: "today".into(),
        kind: AbsenceKind::Absent.key().into(),
        ..Fields::default()
    };
    Ok(ok(&visitor, &page(&visitor, &family, fields, None)))
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::Notebook, Action::Create)?.member_id;
    let Some(family) = load(&visitor, member_id).await? else {
        return Ok(ok(&visitor, &no_family(&ctx(&visitor))));
    };
    let fields = fields_of(&form);
    let today = jst(crate::db::now()).date_naive();
    // A child of another family does not exist for her.
    let Some((child, reasons)) = family.children.iter().find(|(c, _)| c.id.to_string() == fields.child) else {
        return Err(AppError::NotFound);
    };
    let Some(kind) = AbsenceKind::parse(&fields.kind) else {
        return Ok(ok(
            &visitor,
            &page(&visitor, &family, fields, Some("種類を選んでください。".into())),
        ));
    };
    if !reasons.contains(&fields.reason) {
        return Ok(ok(
            &visitor,
            &page(&visitor, &family, fields, Some("理由を選んでください。".into())),
        ));
    }
    if fields.note.chars().count() > MAX_NOTE_CHARS {
        let error = format!("連絡事項は{MAX_NOTE_CHARS}文字までにしてください。");
        return Ok(ok(&visitor, &page(&visitor, &family, fields, Some(error))));
    }
    let day = match form_day(&fields.when, &fields.date, today) {
        Ok(day) => day,
        Err(e) => return Ok(ok(&visitor, &page(&visitor, &family, fields, Some(e.to_string())))),
    };
    let new = NewAbsence {
        child_id: child.id,
        member_id,
        day,
        kind,
        reason: fields.reason.clone(),
        note: fields.note.trim().to_string(),
        channel: Channel::Web,
        inbound_mail_id: None,
    };
    visitor.db(move |conn| Ok(record(conn, &new)?)).await?;
    Ok(redirect(&visitor, "/notebook/absences?sent=1"))
}

/// The guardian's family with its children and their schools' reasons; None before she joined.
async fn load(visitor: &Visitor, member_id: i64) -> Result<Option<FamilyChoices>, AppError> {
    visitor
        .db(move |conn| {
            let Some(family) = Family::of_guardian(conn, member_id)? else {
                return Ok(None);
            };
            let mut children = Vec::new();
            for child in Family::children(conn, family.id)? {
                let reasons = SchoolSettings::of(conn, child.school_id)?.absence_reasons;
                children.push((child, reasons));
            }
            if children.is_empty() {
                return Ok(None);
            }
            Ok(Some(FamilyChoices {
                mail_token: family.mail_token,
                children,
            }))
        })
        .await
}

fn fields_of(form: &FormData) -> Fields {
    let get = |name: &str| form.get(name).unwrap_or_default().to_string();
    Fields {
        child: get("child"),
        when: get("when"),
        date: get("date"),
        kind: get("kind"),
        reason: get("reason"),
        note: get("note"),
    }
}

fn page(visitor: &Visitor, family: &FamilyChoices, fields: Fields, error: Option<String>) -> String {
    let pair = |v: &str, l: &str| (v.to_string(), l.to_string());
    let chosen = family
        .children
        .iter()
        .find(|(c, _)| c.id.to_string() == fields.child)
        .or(family.children.first());
    let reasons = chosen.map(|(_, r)| r.clone()).unwrap_or_default();
    let view = AbsenceFormView {
        children: family
            .children
            .iter()
            .map(|(c, _)| {
                (
                    c.id.to_string(),
                    format!("{}（{}年{}）", c.short_name, c.grade, c.class_name),
                )
            })
            .collect(),
        days: vec![
            pair("today", "今日"),
            pair("tomorrow", "明日"),
            pair("date", "日付を入力"),
        ],
        kinds: AbsenceKind::ALL.iter().map(|k| pair(k.key(), k.label())).collect(),
        reasons: reasons.iter().map(|r| pair(r, r)).collect(),
        child: chosen.map(|(c, _)| c.id.to_string()).unwrap_or_default(),
        when: fields.when,
        date: fields.date,
        kind: fields.kind,
        reason: fields.reason,
        note: fields.note,
        address: absence_address(&family.mail_token, &visitor.settings().mail.domain),
        error,
    };
    absence_form(&ctx(visitor), &view)
}
