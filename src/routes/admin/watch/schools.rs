//! 見守りの設定 for coordinators: the schools, a new school, and the audit log. The pages of one
//! school and one child are in `school`, `readers`, `people` and `child`.

use crate::db::models::watch::audit::WatchAudit;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::reader::{Health, Reader};
use crate::db::models::watch::school::School;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::admin::feedback::short_text;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::watch::schools::{audit as audit_page, schools, AuditRow, SchoolRow};

/// How many audit rows the log page shows.
const AUDIT_SHOWN: i64 = 300;

pub async fn list(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::WatchSetup, Action::Read)?;
    render(&visitor, None).await
}

pub async fn add_school(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Create)?;
    let Some(name) = short_text(form.get("name"), 40) else {
        return render(&visitor, Some("学校の名前を40文字以内で入力してください。")).await;
    };
    visitor.db(move |conn| Ok(School::ensure(conn, &name)?)).await?;
    render(&visitor, None).await
}

async fn render(visitor: &Visitor, error: Option<&str>) -> Result<HttpResponse, AppError> {
    let rows = visitor
        .db(|conn| {
            let mut rows = Vec::new();
            for school in School::all(conn)? {
                let readers = Reader::of_school(conn, school.id)?;
                rows.push(SchoolRow {
                    children: Child::of_school(conn, school.id)?.len(),
                    readers: readers.len(),
                    offline: readers.iter().filter(|r| r.health() == Health::Offline).count(),
                    id: school.id,
                    name: school.name,
                });
            }
            Ok(rows)
        })
        .await?;
    Ok(ok(visitor, &schools(&ctx(visitor), &rows, error)))
}

pub async fn audit(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::WatchSetup, Action::Read)?;
    let entries = visitor.db(|conn| Ok(WatchAudit::recent(conn, AUDIT_SHOWN)?)).await?;
    let rows: Vec<AuditRow> = entries
        .into_iter()
        .map(|e| AuditRow {
            at: jst(e.at).format("%Y/%m/%d %H:%M").to_string(),
            member: e.member_name,
            action: e.action,
            child: e.child_name.unwrap_or_else(|| "—".into()),
        })
        .collect();
    Ok(ok(&visitor, &audit_page(&ctx(&visitor), &rows, AUDIT_SHOWN as usize)))
}
