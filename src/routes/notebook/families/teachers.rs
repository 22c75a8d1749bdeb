//! `…/teachers`: the school's staff and their classes. Any staff member of the school (or a
//! coordinator) gives a teacher a class or takes it (`teacher::assign`/`unassign`).

use crate::db;
use crate::db::models::notebook::teacher::{assign, classes_of, unassign, Class};
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::routes::notebook::families::staff::{classes, staff};
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::families::teachers::{teachers, TeacherLine, TeachersView};

pub async fn show(visitor: Visitor, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    render(&visitor, path.into_inner(), None).await
}

pub async fn save(posted: Posted, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (_, school) = staff(&visitor, path.into_inner(), Action::Update).await?;
    let member: Option<i64> = form.get("member").and_then(|m| m.parse().ok());
    let class = form
        .get("class")
        .and_then(|c| c.split_once('/'))
        .and_then(|(g, n)| Some((g.parse::<i32>().ok()?, n.to_string())));
    let give = match form.get("action") {
        Some("assign") => true,
        Some("unassign") => false,
        _ => return render(&visitor, school.id, Some("操作を選び直してください。".into())).await,
    };
    let (Some(member), Some((grade, class_name))) = (member, class) else {
        return render(&visitor, school.id, Some("先生とクラスを選んでください。".into())).await;
    };
    let school_id = school.id;
    let class = Class { grade, class_name };
    let label = class.label();
    let done = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                // Only the school's own staff, and only classes of its roster.
                if !School::staff_ids(conn, school_id)?.contains(&member) {
                    return Ok(false);
                }
                let roster = classes(&Child::of_school(conn, school_id)?);
                if give && !roster.contains(&(class.grade, class.class_name.clone())) {
                    return Ok(false);
                }
                if give {
                    assign(conn, school_id, member, &class)?;
                } else {
                    unassign(conn, school_id, member, &class)?;
                }
                Ok::<_, AppError>(true)
            })
        })
        .await?;
    let notice = match (done, give) {
        (false, _) => "先生とクラスを選び直してください。".to_string(),
        (true, true) => format!("{label}の担任にしました。"),
        (true, false) => format!("{label}の担任から外しました。"),
    };
    render(&visitor, school_id, Some(notice)).await
}

async fn render(visitor: &Visitor, school_id: i64, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let (_, school) = staff(visitor, school_id, Action::Read).await?;
    let (staff_rows, roster) = visitor
        .db(move |conn| {
            let mut lines = Vec::new();
            for (member_id, name) in School::staff_names(conn, school.id)? {
                let classes = classes_of(conn, school.id, member_id)?
                    .into_iter()
                    .map(|c| {
                        let label = c.label();
                        (c.grade, c.class_name, label)
                    })
                    .collect();
                lines.push(TeacherLine {
                    member_id,
                    nickname: name,
                    classes,
                });
            }
            Ok((lines, classes(&Child::of_school(conn, school.id)?)))
        })
        .await?;
    let view = TeachersView {
        school: school_id,
        teachers: staff_rows,
        classes: roster
            .into_iter()
            .map(|(grade, class_name)| {
                let label = Class {
                    grade,
                    class_name: class_name.clone(),
                }
                .label();
                (format!("{grade}/{class_name}"), label)
            })
            .collect(),
        notice,
    };
    Ok(ok(visitor, &teachers(&ctx(visitor), &view)))
}
