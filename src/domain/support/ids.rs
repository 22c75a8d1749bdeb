//! Typed ids, so that a supporter's id is never passed where a family's or an area's is expected.

/// One of the city's community areas (`areas.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AreaId(pub i64);

/// A member acting as 提供会員 (`members.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SupporterId(pub i64);

/// A member acting as 依頼会員, whose children are cared for (`members.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FamilyId(pub i64);
