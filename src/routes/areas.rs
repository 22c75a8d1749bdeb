//! The city's areas (地域) as forms and lists show them.

use crate::db::models::area::Area;
use crate::db::models::member::Member;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::Visitor;

/// The areas as the choices of a select, after `first` with an empty value (「すべて」 in a
/// filter, 「指定しない」 in a form).
pub fn area_choices(areas: &[Area], first: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), first.to_string()))
        .chain(areas.iter().map(|a| (a.id.to_string(), a.name.clone())))
        .collect()
}

/// The name of an area id among the loaded `areas`.
pub fn area_name(areas: &[Area], id: Option<i64>) -> Option<String> {
    id.and_then(|id| areas.iter().find(|a| a.id == id))
        .map(|a| a.name.clone())
}

/// A new form's fields before anything was entered: the member's own area chosen.
pub async fn own_area(visitor: &Visitor, member_id: i64) -> Result<FormData, AppError> {
    let area = visitor
        .db(move |conn| Ok(Member::find(conn, member_id)?.area_id))
        .await?;
    Ok(FormData {
        fields: vec![("area".into(), area.map(|a| a.to_string()).unwrap_or_default())],
        files: Vec::new(),
    })
}
