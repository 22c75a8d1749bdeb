//! One facility for coordinators: correct its fields, or delete it (its vacancies and staff rows
//! go with it). The page also lists the staff (see `staff`).

use super::{parse, typed};
use crate::db::models::area::Area;
use crate::db::models::facility::Facility;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::areas::area_choices;
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::admin::facilities::{facility_edit, FacilityEditView, FacilityForm, StaffRow};

pub async fn edit(mut visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let done = match query.0.get("done") {
        Some("staff-added") => Some("職員に登録しました。"),
        Some("staff-removed") => Some("職員から外しました。"),
        _ => None,
    };
    let page = EditPage {
        notice: done,
        ..EditPage::default()
    };
    render(&visitor, id.into_inner(), page).await
}

pub async fn update(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let typed = typed(&form);
    let areas = visitor.db(|conn| Ok(Area::all(conn)?)).await?;
    let fields = match parse(&typed, &areas) {
        Ok(fields) => fields,
        Err(message) => {
            let page = EditPage {
                form: Some(typed),
                error: Some(message),
                ..EditPage::default()
            };
            return render(&visitor, id, page).await;
        }
    };
    visitor
        .db(move |conn| match Facility::update(conn, id, &fields)? {
            0 => Err(AppError::NotFound),
            _ => Ok(()),
        })
        .await?;
    Ok(redirect(&visitor, "/admin/facilities?done=saved"))
}

pub async fn delete(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    visitor.require(Resource::PublicInfo, Action::Delete)?;
    let id = id.into_inner();
    visitor
        .db(move |conn| match Facility::delete(conn, id)? {
            0 => Err(AppError::NotFound),
            _ => Ok(()),
        })
        .await?;
    Ok(redirect(&visitor, "/admin/facilities?done=deleted"))
}

/// What the edit page shows besides the facility itself.
#[derive(Debug, Default)]
pub(super) struct EditPage {
    /// The fields as typed after an error; None: as stored.
    pub form: Option<FacilityForm>,
    /// The address typed into the add-staff form after an error.
    pub staff_email: String,
    pub notice: Option<&'static str>,
    pub error: Option<String>,
}

/// The edit page of facility `id` (404 when there is none).
pub(super) async fn render(visitor: &Visitor, id: i64, page: EditPage) -> Result<HttpResponse, AppError> {
    let (facility, staff, areas) = visitor
        .db(move |conn| Ok((Facility::find(conn, id)?, Facility::staff(conn, id)?, Area::all(conn)?)))
        .await?;
    let form = page.form.unwrap_or_else(|| FacilityForm {
        name: facility.name,
        kind: facility.kind,
        address: facility.address,
        area: facility.area_id.map(|a| a.to_string()).unwrap_or_default(),
        phone: facility.phone,
        hours: facility.hours,
        note: facility.note,
    });
    let view = FacilityEditView {
        id,
        areas: area_choices(&areas, "（指定なし）"),
        form,
        staff: staff
            .into_iter()
            .map(|s| StaffRow {
                member_id: s.member_id,
                nickname: s.nickname,
                address: s.address,
            })
            .collect(),
        staff_email: page.staff_email,
        notice: page.notice.map(str::to_string),
        error: page.error,
    };
    Ok(ok(visitor, &facility_edit(&ctx(visitor), &view)))
}
