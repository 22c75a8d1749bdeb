//! `…/classes/{grade}/{class}`: a class's children, each with her guardians and whether she has
//! joined; guardians whose mail bounces are flagged, with 指定受信 help.

use crate::db::models::mail_address::{Health, MailAddress};
use crate::db::models::notebook::code;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::join::JoinRequest;
use crate::db::models::notebook::teacher::Class;
use crate::db::models::watch::child::Child;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::routes::notebook::families::staff::staff;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::ctx::percent_encode;
use hiroba_views::pages::notebook::families::class::{class, class_child, ClassChild, ClassView, GuardianLine};

/// What the class list says about an address our mail does not reach.
fn problem(health: &str) -> Option<&'static str> {
    if health == Health::UnknownUser.as_str() {
        Some("メールが届いていません（アドレスが無効）")
    } else if health == Health::Filtered.as_str() {
        Some("受信拒否の可能性（指定受信の設定が必要）")
    } else {
        None
    }
}

pub async fn show(
    visitor: Visitor,
    path: web::Path<(i64, i32, String)>,
    query: KeitaiQuery,
) -> Result<HttpResponse, AppError> {
    let (school_id, grade, class_name) = path.into_inner();
    let (_, school) = staff(&visitor, school_id, Action::Read).await?;
    let page = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let wanted = class_name.clone();
    let items: Vec<ClassChild> = visitor
        .db(move |conn| {
            let children: Vec<Child> = Child::of_school(conn, school.id)?
                .into_iter()
                .filter(|c| c.grade == grade && c.class_name == wanted)
                .collect();
            let codes = code::of_school(conn, school.id)?;
            let pending = JoinRequest::pending_of_school(conn, school.id)?;
            let mut items = Vec::with_capacity(children.len());
            for child in children {
                let mut guardians = Vec::new();
                if let Some(family) = Family::of_child(conn, child.id)? {
                    for guardian in Family::guardians(conn, family.id)? {
                        let mut problems: Vec<String> = MailAddress::of_member(conn, guardian.member_id)?
                            .iter()
                            .filter(|a| a.is_verified())
                            .filter_map(|a| problem(&a.health).map(|p| format!("{}：{p}", a.address)))
                            .collect();
                        problems.dedup();
                        guardians.push(GuardianLine {
                            nickname: guardian.nickname,
                            mail_problems: problems,
                        });
                    }
                }
                items.push(ClassChild {
                    name: child.name.clone(),
                    has_code: codes.iter().any(|(id, _)| *id == child.id),
                    pending: pending.iter().filter(|p| p.child.id == child.id).count(),
                    guardians,
                });
            }
            Ok(items)
        })
        .await?;
    let label = Class {
        grade,
        class_name: class_name.clone(),
    }
    .label();
    let path = format!(
        "/notebook/schools/{school_id}/classes/{grade}/{}",
        percent_encode(&class_name)
    );
    let letters_path = format!(
        "/notebook/schools/{school_id}/codes/letters?grade={grade}&class={}",
        percent_encode(&class_name)
    );
    let bounces = items
        .iter()
        .any(|i| i.guardians.iter().any(|g| !g.mail_problems.is_empty()));
    let c = ctx(&visitor);
    let markup: Vec<_> = items.iter().map(|i| class_child(&c, i)).collect();
    let empty = items.is_empty();
    Ok(paged_list(&visitor, &markup, page, |list| {
        class(
            &c,
            &ClassView {
                school: school_id,
                label: label.clone(),
                path: path.clone(),
                letters_path: letters_path.clone(),
                list: *list,
                empty,
                bounces,
            },
        )
    }))
}
