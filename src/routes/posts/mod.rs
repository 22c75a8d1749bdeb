//! クチコミ: the list, one post, posting from the web, comments, reports and taking back one's own.

pub mod comment;
pub mod create;
pub mod delete;
pub mod list;
pub mod report;
pub mod show;

use crate::db::models::area::Area;
use crate::domain::post::Category;

/// The category choices of a select, after `first` (「すべて」 in a filter; none in the form).
fn category_choices(first: Option<&str>) -> Vec<(String, String)> {
    first
        .map(|label| (String::new(), label.to_string()))
        .into_iter()
        .chain(
            Category::ALL
                .iter()
                .map(|c| (c.key().to_string(), c.label().to_string())),
        )
        .collect()
}

/// The area choices of a select, after `first` (「すべて」 or 「指定しない」).
fn area_choices(areas: &[Area], first: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), first.to_string()))
        .chain(areas.iter().map(|a| (a.id.to_string(), a.name.clone())))
        .collect()
}

/// An area's name from the loaded list.
fn area_name(areas: &[Area], id: Option<i64>) -> Option<String> {
    id.and_then(|id| areas.iter().find(|a| a.id == id))
        .map(|a| a.name.clone())
}
