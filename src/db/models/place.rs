//! How a `Place` is stored in `threads` and `moderation_log`: the `place` key, and for a place with
//! an id a column of its own (a foreign key, so that a community's threads go with it). A new place
//! adds its column here and nowhere else in the models.

use crate::domain::thread::{Place, PlaceKind};
use diesel::result::Error as DieselError;

/// The stored columns of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceColumns {
    pub key: &'static str,
    pub community_id: Option<i64>,
    pub school_id: Option<i64>,
}

impl From<Place> for PlaceColumns {
    fn from(place: Place) -> Self {
        PlaceColumns {
            key: place.kind().key(),
            community_id: place.community_id(),
            school_id: place.school_id(),
        }
    }
}

/// The place of stored columns. Columns that do not fit together (a place written by a newer
/// version) are a deserialization error: the table's CHECK keeps this from happening otherwise.
pub fn place_of(key: &str, community_id: Option<i64>, school_id: Option<i64>) -> Result<Place, DieselError> {
    match (PlaceKind::parse(key), community_id, school_id) {
        (Some(PlaceKind::Portal), None, None) => Ok(Place::Portal),
        (Some(PlaceKind::Community), Some(id), None) => Ok(Place::Community(id)),
        (Some(PlaceKind::Notebook), None, Some(id)) => Ok(Place::Notebook(id)),
        _ => Err(DieselError::DeserializationError(
            format!("unknown place {key:?} (community {community_id:?}, school {school_id:?})").into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_back_from_its_columns() {
        for place in [Place::Portal, Place::Community(7), Place::Notebook(2)] {
            let columns = PlaceColumns::from(place);
            assert_eq!(
                place_of(columns.key, columns.community_id, columns.school_id).ok(),
                Some(place)
            );
        }
        assert!(place_of("community", None, None).is_err());
        assert!(place_of("portal", Some(3), None).is_err());
        assert!(place_of("notebook", Some(3), None).is_err());
        assert!(place_of("school", None, Some(3)).is_err());
    }
}
