//! `…/codes`: the children's 申込コード; issuing the missing ones, re-issuing one child's (the
//! old one stops working), the letters to print and their QR codes.

use crate::db::models::notebook::code;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::teacher::Class;
use crate::db::models::watch::child::Child;
use crate::domain::mail_route::entry_address;
use crate::domain::notebook::join::JoinCode;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::notebook::join::{issue_codes, reissue_code};
use crate::routes::notebook::families::staff::staff;
use crate::routes::qr::respond;
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::families::codes::{code_item, codes, CodeItem, CodesView};
use hiroba_views::pages::notebook::families::letters::{letters as letters_page, Letter};

pub async fn list(visitor: Visitor, path: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let page = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    render(&visitor, path.into_inner(), page, None).await
}

pub async fn issue(posted: Posted, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let (_, school) = staff(&visitor, path.into_inner(), Action::Create).await?;
    let issued = visitor.db(move |conn| Ok(issue_codes(conn, school.id)?)).await?;
    let notice = format!("{issued}人に申込コードを発行しました。");
    render(&visitor, school.id, 1, Some(notice)).await
}

pub async fn reissue(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let (school_id, child_id) = path.into_inner();
    let (_, school) = staff(&visitor, school_id, Action::Update).await?;
    let done = visitor
        .db(move |conn| {
            let Some(child) = Child::find(conn, child_id)?.filter(|c| c.school_id == school.id) else {
                return Ok(None);
            };
            let code = reissue_code(conn, child.id)?;
            Ok(Some((child.name, code)))
        })
        .await?;
    let (name, code) = done.ok_or(AppError::NotFound)?;
    let notice = format!(
        "{name}さんの申込コードを {} に再発行しました。前のコードは使えません。",
        code.display()
    );
    render(&visitor, school_id, 1, Some(notice)).await
}

/// The letters to print: the whole school, or one class with `?grade=2&class=1組`.
pub async fn letters(visitor: Visitor, path: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let (_, school) = staff(&visitor, path.into_inner(), Action::Read).await?;
    let grade: Option<i32> = query.0.get("grade").and_then(|g| g.parse().ok());
    let class_name = query.0.get("class").map(str::to_string);
    let school_id = school.id;
    let rows = visitor
        .db(move |conn| {
            let codes = code::of_school(conn, school_id)?;
            Ok(Child::of_school(conn, school_id)?
                .into_iter()
                .filter(|c| grade.is_none_or(|g| g == c.grade))
                .filter(|c| class_name.as_ref().is_none_or(|n| *n == c.class_name))
                .filter_map(|c| {
                    let code = codes.iter().find(|(id, _)| *id == c.id)?.1.clone();
                    Some((c, code))
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let c = ctx(&visitor);
    let base_url = &visitor.settings().base_url;
    let all: Vec<Letter> = rows
        .into_iter()
        .map(|(child, code)| Letter {
            school: school.name.clone(),
            class: Class {
                grade: child.grade,
                class_name: child.class_name.clone(),
            }
            .label(),
            child: child.name.clone(),
            code: code.display(),
            qr_path: c.url(&format!("/notebook/schools/{school_id}/codes/{}/qr", child.id)),
            join_url: format!("{base_url}/notebook/join"),
        })
        .collect();
    let entry = entry_address(&visitor.settings().mail.domain);
    Ok(ok(&visitor, &letters_page(&c, &entry, &all)))
}

/// The QR code of a child's joining link (`<base_url>/notebook/join?code=…`): a secret, never
/// cached by shared caches.
pub async fn qr(visitor: Visitor, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let (school_id, child_id) = path.into_inner();
    let (_, school) = staff(&visitor, school_id, Action::Read).await?;
    let code: Option<JoinCode> = visitor
        .db(
            move |conn| match Child::find(conn, child_id)?.filter(|c| c.school_id == school.id) {
                Some(child) => Ok(code::of_child(conn, child.id)?),
                None => Ok(None),
            },
        )
        .await?;
    let code = code.ok_or(AppError::NotFound)?;
    let url = format!("{}/notebook/join?code={}", visitor.settings().base_url, code.as_str());
    respond(&visitor, &url, false)
}

async fn render(
    visitor: &Visitor,
    school_id: i64,
    page: usize,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (_, school) = staff(visitor, school_id, Action::Read).await?;
    let items: Vec<CodeItem> = visitor
        .db(move |conn| {
            let children = Child::of_school(conn, school.id)?;
            let codes = code::of_school(conn, school.id)?;
            let ids: Vec<i64> = children.iter().map(|c| c.id).collect();
            let joined = Family::guardians_of_children(conn, &ids)?;
            Ok(children
                .into_iter()
                .map(|child| CodeItem {
                    child_id: child.id,
                    child: format!(
                        "{} {}",
                        Class {
                            grade: child.grade,
                            class_name: child.class_name.clone()
                        }
                        .label(),
                        child.name
                    ),
                    code: codes
                        .iter()
                        .find(|(id, _)| *id == child.id)
                        .map(|(_, c)| c.display())
                        .unwrap_or_default(),
                    joined: joined.iter().any(|(id, _)| *id == child.id),
                })
                .collect())
        })
        .await?;
    let missing = items.iter().filter(|i| i.code.is_empty()).count();
    let c = ctx(visitor);
    let markup: Vec<_> = items.iter().map(|i| code_item(&c, school_id, i)).collect();
    let empty = items.is_empty();
    Ok(paged_list(visitor, &markup, page, |list| {
        codes(
            &c,
            &CodesView {
                school: school_id,
                list: *list,
                missing,
                empty,
                notice: notice.clone(),
            },
        )
    }))
}
