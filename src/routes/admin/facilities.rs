//! 施設の管理 for coordinators: the list of facilities and adding one. One facility's page
//! (correct, delete) is in `edit`, its staff in `staff`; both share the form parsing here.

pub mod edit;
pub mod staff;

use crate::db::models::area::Area;
use crate::db::models::facility::{Facility, NewFacility};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::admin::feedback::short_text;
use crate::routes::areas::area_choices;
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::facilities::{admin_facilities, AdminFacilitiesView, AdminFacilityRow, FacilityForm};

const NAME_MAX: usize = 60;
const KIND_MAX: usize = 20;
const ADDRESS_MAX: usize = 100;
const HOURS_MAX: usize = 60;
const NOTE_MAX: usize = 1_000;

pub async fn list(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    let done = match query.0.get("done") {
        Some("added") => Some("施設を追加しました。"),
        Some("saved") => Some("施設の内容を直しました。"),
        Some("deleted") => Some("施設を削除しました。"),
        _ => None,
    };
    render(&visitor, FacilityForm::default(), done, None).await
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    let typed = typed(&form);
    let areas = visitor.db(|conn| Ok(Area::all(conn)?)).await?;
    let new = match parse(&typed, &areas) {
        Ok(new) => new,
        Err(message) => return render(&visitor, typed, None, Some(&message)).await,
    };
    visitor.db(move |conn| Ok(Facility::insert(conn, &new)?)).await?;
    Ok(redirect(&visitor, "/admin/facilities?done=added"))
}

/// The form's fields as typed, to show again after an error.
fn typed(form: &FormData) -> FacilityForm {
    let field = |name: &str| form.get(name).unwrap_or_default().trim().to_string();
    FacilityForm {
        name: field("name"),
        kind: field("kind"),
        address: field("address"),
        area: field("area"),
        phone: field("phone"),
        hours: field("hours"),
        note: form.get("note").unwrap_or_default().trim_end().to_string(),
    }
}

/// The facility a coordinator typed, or what to correct, in Japanese. The same rules for adding
/// and for correcting.
fn parse(f: &FacilityForm, areas: &[Area]) -> Result<NewFacility, String> {
    let mut problems = Vec::new();
    let (name, kind, address) = (
        short_text(Some(&f.name), NAME_MAX),
        short_text(Some(&f.kind), KIND_MAX),
        short_text(Some(&f.address), ADDRESS_MAX),
    );
    if name.is_none() || kind.is_none() || address.is_none() {
        problems.push(format!(
            "名前（{NAME_MAX}文字まで）・種類（{KIND_MAX}文字まで）・住所（{ADDRESS_MAX}文字まで）を入力してください。"
        ));
    }
    let area = match f.area.as_str() {
        "" => Ok(None),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|id| areas.iter().any(|a| a.id == *id))
            .map(Some)
            .ok_or(()),
    };
    if area.is_err() {
        problems.push("地域を選び直してください。".to_string());
    }
    let phone = phone(&f.phone);
    if phone.is_none() {
        problems.push("電話番号は 04-7100-0001 のように数字10〜11けたで入力してください（空欄も可）。".to_string());
    }
    if f.hours.chars().count() > HOURS_MAX {
        problems.push(format!("開館時間は{HOURS_MAX}文字までです。"));
    }
    if f.note.chars().count() > NOTE_MAX {
        problems.push(format!("ひとことは{NOTE_MAX}文字までです。"));
    }
    match (name, kind, address, area, phone) {
        (Some(name), Some(kind), Some(address), Ok(area_id), Some(phone)) if problems.is_empty() => Ok(NewFacility {
            name,
            kind,
            address,
            area_id,
            phone,
            hours: f.hours.clone(),
            note: f.note.clone(),
        }),
        _ => Err(problems.join("")),
    }
}

/// A phone number as stored: ASCII digits and hyphens (a keitai's input mode may send full-width
/// ones, which the public page's `tel:` link would lose), 10 or 11 digits from a leading 0, or
/// empty. None when it is not a phone number.
fn phone(text: &str) -> Option<String> {
    let normal: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | 'ー' | '‐' | '−' => '-',
            c => c,
        })
        .collect();
    if normal.is_empty() {
        return Some(normal);
    }
    let digits = normal.chars().filter(char::is_ascii_digit).count();
    let valid = normal.chars().all(|c| c.is_ascii_digit() || c == '-')
        && normal.starts_with('0')
        && (10..=11).contains(&digits);
    valid.then_some(normal)
}

async fn render(
    visitor: &Visitor,
    form: FacilityForm,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let (rows, areas) = visitor
        .db(|conn| {
            let mut rows = Vec::new();
            for f in Facility::list(conn, None, None)? {
                rows.push(AdminFacilityRow {
                    staff: Facility::staff_count(conn, f.id)?,
                    id: f.id,
                    name: f.name,
                    kind: f.kind,
                });
            }
            Ok((rows, Area::all(conn)?))
        })
        .await?;
    let view = AdminFacilitiesView {
        rows,
        areas: area_choices(&areas, "（指定なし）"),
        form,
        notice: notice.map(str::to_string),
        error: error.map(str::to_string),
    };
    Ok(ok(visitor, &admin_facilities(&ctx(visitor), &view)))
}

#[cfg(test)]
mod tests {
    use super::phone;

    #[test]
    fn phone_numbers_are_stored_in_ascii_digits_and_hyphens() {
        assert_eq!(phone("04-7100-0001").as_deref(), Some("04-7100-0001"));
        assert_eq!(phone("０４－７１００－０００１").as_deref(), Some("04-7100-0001"));
        assert_eq!(phone("090 1234 5678").as_deref(), Some("09012345678"));
        assert_eq!(phone("").as_deref(), Some(""));
        assert_eq!(phone("でんわ"), None);
        assert_eq!(phone("04-7100"), None);
        assert_eq!(phone("4-7100-00012"), None);
    }
}
