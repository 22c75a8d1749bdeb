//! What a supporter can take on (乳児可, 病後児可, …), as a small set.

use std::fmt;

/// One thing a supporter has said she can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skill {
    /// Children under one year (乳児可).
    Infant,
    /// A child recovering from an illness (病後児可).
    AfterIllness,
    /// Driving for a 送迎 (送迎に車を使える).
    Car,
    /// Two or more children at once (きょうだい同時可).
    Siblings,
}

impl Skill {
    /// In the order forms and reasons list them.
    pub const ALL: [Skill; 4] = [Skill::Infant, Skill::AfterIllness, Skill::Car, Skill::Siblings];

    pub fn label(self) -> &'static str {
        match self {
            Skill::Infant => "乳児可",
            Skill::AfterIllness => "病後児可",
            Skill::Car => "送迎に車を使える",
            Skill::Siblings => "きょうだい同時可",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of skills (a bit set: the ranking checks thousands of them per request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Skills(u8);

impl Skills {
    pub const NONE: Skills = Skills(0);

    pub fn with(self, skill: Skill) -> Skills {
        Skills(self.0 | skill.bit())
    }

    pub fn contains(self, skill: Skill) -> bool {
        self.0 & skill.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The skills of `self` that `other` lacks.
    pub fn missing_from(self, other: Skills) -> Skills {
        Skills(self.0 & !other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Skill> {
        Skill::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

impl FromIterator<Skill> for Skills {
    fn from_iter<I: IntoIterator<Item = Skill>>(iter: I) -> Skills {
        iter.into_iter().fold(Skills::NONE, Skills::with)
    }
}

/// 「乳児可・病後児可」
impl fmt::Display for Skills {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<&str> = self.iter().map(Skill::label).collect();
        f.write_str(&labels.join("・"))
    }
}
