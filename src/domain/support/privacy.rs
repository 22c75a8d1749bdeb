//! Who may see a family's children's names and the family's address and phone.
//!
//! Offers carry none of them (area, time, ages, 急ぎ only). A supporter sees them only while she is
//! matched with the family (from acceptance until the activity is settled) and, for the activities
//! that took place, afterwards; a cancelled match or an unanswered offer shows nothing.

/// How the viewer stands to the family whose details are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The family herself.
    Family,
    /// A coordinator (アドバイザー) of the centre.
    Coordinator,
    /// The supporter of one of the family's requests: `active` while the match stands (matched,
    /// not cancelled), `took_place` once the activity happened (handed over or reported).
    Supporter { active: bool, took_place: bool },
    /// A supporter who was offered a request and is not (or no longer) matched.
    Offered,
    /// Any other member.
    Member,
    /// Not logged in (or a link token of someone else).
    Anonymous,
}

/// Whether `relation` may see the children's names and the family's address and phone.
pub fn may_see_family(relation: Relation) -> bool {
    match relation {
        Relation::Family | Relation::Coordinator => true,
        Relation::Supporter { active, took_place } => active || took_place,
        Relation::Offered | Relation::Member | Relation::Anonymous => false,
    }
}

/// Whether `relation` may see the matched supporter's phone (the family, the coordinator, and
/// the supporter herself, who is not a relation here).
pub fn may_see_supporter_phone(relation: Relation) -> bool {
    matches!(relation, Relation::Family | Relation::Coordinator)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matrix: every relation and what it sees.
    #[test]
    fn matrix() {
        let rows = [
            (Relation::Family, true, true),
            (Relation::Coordinator, true, true),
            (
                Relation::Supporter {
                    active: true,
                    took_place: false,
                },
                true,
                false,
            ),
            (
                Relation::Supporter {
                    active: true,
                    took_place: true,
                },
                true,
                false,
            ),
            (
                Relation::Supporter {
                    active: false,
                    took_place: true,
                },
                true,
                false,
            ),
            (
                Relation::Supporter {
                    active: false,
                    took_place: false,
                },
                false,
                false,
            ),
            (Relation::Offered, false, false),
            (Relation::Member, false, false),
            (Relation::Anonymous, false, false),
        ];
        for (relation, family, phone) in rows {
            assert_eq!(may_see_family(relation), family, "{relation:?}");
            assert_eq!(may_see_supporter_phone(relation), phone, "{relation:?}");
        }
    }
}
