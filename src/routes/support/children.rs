//! `/support/children`: a 依頼会員's children — list, add, change, remove. A child id of another
//! family is not found (404), whoever asks.

use crate::db::models::support::child::FamilyChild;
use crate::domain::policy::Action;
use crate::domain::support::enrolment::ChildFields;
use crate::domain::time::today;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::routes::support::enrolled::family;
use actix_web::{web, HttpResponse};
use chrono::{Datelike, NaiveDate};
use hiroba_views::pages::support::children::{child_form, children, ChildForm, ChildFormView, ChildItem, ChildrenView};

pub async fn list(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = family(&visitor, Action::Read).await?;
    render_list(&visitor, member_id, None).await
}

pub async fn new(visitor: Visitor) -> Result<HttpResponse, AppError> {
    family(&visitor, Action::Create).await?;
    render_form(&visitor, None, ChildForm::default(), None)
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = family(&visitor, Action::Create).await?;
    let typed = typed(&form);
    let fields = match parse(&typed) {
        Ok(fields) => fields,
        Err(why) => return render_form(&visitor, None, typed, Some(why)),
    };
    visitor
        .db(move |conn| {
            FamilyChild::add(conn, member_id, &fields.name, fields.birth_date, &fields.notes)?;
            Ok(())
        })
        .await?;
    render_list(&visitor, member_id, Some("子どもを登録しました。".into())).await
}

pub async fn edit(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let member_id = family(&visitor, Action::Read).await?;
    let child = own_child(&visitor, member_id, id.into_inner()).await?;
    let form = ChildForm {
        name: child.name,
        birth: child.birth_date.to_string(),
        notes: child.notes,
    };
    render_form(&visitor, Some(child.id), form, None)
}

pub async fn update(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = family(&visitor, Action::Update).await?;
    let id = own_child(&visitor, member_id, id.into_inner()).await?.id;
    let typed = typed(&form);
    let fields = match parse(&typed) {
        Ok(fields) => fields,
        Err(why) => return render_form(&visitor, Some(id), typed, Some(why)),
    };
    let changed = visitor
        .db(move |conn| {
            Ok(FamilyChild::update(
                conn,
                member_id,
                id,
                &fields.name,
                fields.birth_date,
                &fields.notes,
            )?)
        })
        .await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    render_list(&visitor, member_id, Some("子どもの登録内容を変更しました。".into())).await
}

pub async fn remove(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let member_id = family(&visitor, Action::Delete).await?;
    let id = id.into_inner();
    let removed = visitor
        .db(move |conn| Ok(FamilyChild::remove(conn, member_id, id)?))
        .await?;
    if !removed {
        return Err(AppError::NotFound);
    }
    render_list(&visitor, member_id, Some("登録から外しました。".into())).await
}

/// One of the family's current children, or 404.
async fn own_child(visitor: &Visitor, member_id: i64, id: i64) -> Result<FamilyChild, AppError> {
    visitor
        .db(move |conn| {
            FamilyChild::of_family(conn, member_id)?
                .into_iter()
                .find(|c| c.id == id)
                .ok_or(AppError::NotFound)
        })
        .await
}

fn typed(form: &FormData) -> ChildForm {
    let field = |name: &str| form.get(name).unwrap_or_default().to_string();
    ChildForm {
        name: field("name"),
        birth: field("birth"),
        notes: field("notes"),
    }
}

fn parse(typed: &ChildForm) -> Result<ChildFields, String> {
    ChildFields::parse(&typed.name, &typed.birth, &typed.notes, today()).map_err(|e| e.to_string())
}

/// Full years between a birth date and `on`.
fn age(born: NaiveDate, on: NaiveDate) -> i32 {
    let years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years - 1
    } else {
        years
    }
}

async fn render_list(visitor: &Visitor, member_id: i64, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let rows = visitor
        .db(move |conn| Ok(FamilyChild::of_family(conn, member_id)?))
        .await?;
    let now = today();
    let view = ChildrenView {
        children: rows
            .into_iter()
            .map(|c| ChildItem {
                id: c.id,
                born: format!(
                    "{}年{}月{}日生（{}歳）",
                    c.birth_date.year(),
                    c.birth_date.month(),
                    c.birth_date.day(),
                    age(c.birth_date, now)
                ),
                name: c.name,
                notes: c.notes,
            })
            .collect(),
        notice,
    };
    Ok(ok(visitor, &children(&ctx(visitor), &view)))
}

fn render_form(
    visitor: &Visitor,
    id: Option<i64>,
    form: ChildForm,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let view = ChildFormView { id, form, error };
    Ok(ok(visitor, &child_form(&ctx(visitor), &view)))
}
