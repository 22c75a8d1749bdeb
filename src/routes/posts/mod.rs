//! クチコミ: the list, one post, posting from the web, comments, reports and taking back one's own.

pub mod comment;
pub mod create;
pub mod delete;
pub mod list;
pub mod report;
pub mod show;

use crate::routes::areas::{area_choices, area_name};

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
