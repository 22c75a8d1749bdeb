//! Who a message goes to: the school, grades, classes or a family, expanded to guardians, each once
//! with the children she gets it for.

use std::collections::BTreeMap;

/// A message's audience with what it names, parsed from the compose form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every child of the school.
    School,
    /// Every child of these grades.
    Grades(Vec<i32>),
    /// Every child of these classes (grade, class name).
    Classes(Vec<(i32, String)>),
    /// The children of one family at this school.
    Family(i64),
}

/// A child of the roster as targeting sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterChild {
    pub id: i64,
    pub grade: i32,
    pub class_name: String,
}

impl Target {
    /// Whether a child of the school is in the audience (a family's children are chosen by family,
    /// not here: `Target::Family` matches no roster child by class).
    pub fn takes(&self, child: &RosterChild) -> bool {
        match self {
            Target::School => true,
            Target::Grades(grades) => grades.contains(&child.grade),
            Target::Classes(classes) => classes.iter().any(|(g, c)| *g == child.grade && *c == child.class_name),
            Target::Family(_) => false,
        }
    }
}

/// "2-1組" as the compose form's class checkbox value: grade, a dash, the class name.
pub fn class_key(grade: i32, class_name: &str) -> String {
    format!("{grade}-{class_name}")
}

/// Reads a class checkbox value back; `None` for anything else.
pub fn parse_class_key(key: &str) -> Option<(i32, String)> {
    let (grade, name) = key.split_once('-')?;
    let grade: i32 = grade.trim().parse().ok()?;
    (1..=9)
        .contains(&grade)
        .then(|| (grade, name.to_string()))
        .filter(|(_, n)| !n.is_empty())
}

/// Groups (child, guardian) pairs by guardian: each guardian once, with her children in the order
/// given. The result is ordered by guardian id, so a delivery is reproducible.
pub fn by_guardian(pairs: &[(i64, i64)]) -> BTreeMap<i64, Vec<i64>> {
    let mut guardians: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (child, guardian) in pairs {
        let children = guardians.entry(*guardian).or_default();
        if !children.contains(child) {
            children.push(*child);
        }
    }
    guardians
}

#[cfg(test)]
mod tests {
    use super::*;

    fn child(id: i64, grade: i32, class_name: &str) -> RosterChild {
        RosterChild {
            id,
            grade,
            class_name: class_name.into(),
        }
    }

    #[test]
    fn audiences_take_their_children() {
        let yuta = child(1, 2, "1組");
        let saki = child(2, 5, "2組");
        assert!(Target::School.takes(&yuta) && Target::School.takes(&saki));
        assert!(Target::Grades(vec![2, 3]).takes(&yuta));
        assert!(!Target::Grades(vec![2, 3]).takes(&saki));
        let classes = Target::Classes(vec![(2, "1組".into())]);
        assert!(classes.takes(&yuta));
        assert!(!classes.takes(&child(3, 2, "2組")));
        assert!(!classes.takes(&child(4, 3, "1組")));
        assert!(!Target::Family(1).takes(&yuta));
    }

    #[test]
    fn class_keys_read_back() {
        assert_eq!(parse_class_key(&class_key(2, "1組")), Some((2, "1組".into())));
        assert_eq!(parse_class_key("2-さくら-組"), Some((2, "さくら-組".into())));
        assert_eq!(parse_class_key("12-1組"), None);
        assert_eq!(parse_class_key("2-"), None);
        assert_eq!(parse_class_key("x"), None);
    }

    #[test]
    fn a_guardian_with_two_children_is_one_recipient() {
        let pairs = [(10, 1), (11, 1), (10, 2), (12, 3), (10, 1)];
        let grouped = by_guardian(&pairs);
        assert_eq!(grouped.len(), 3);
        assert_eq!(grouped[&1], [10, 11]);
        assert_eq!(grouped[&2], [10]);
    }
}
