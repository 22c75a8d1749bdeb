//! The notebook's families pages: the start pages, joining by 申込コード, the family, and a
//! school's staff pages (joins, codes and letters, class lists, teachers, settings).

pub mod class;
pub mod codes;
pub mod family;
pub mod join;
pub mod joins;
pub mod letters;
pub mod school;
pub mod settings;
pub mod start;
pub mod teachers;

/// A child as the families pages name her.
#[derive(Debug, Clone, Default)]
pub struct ChildLine {
    pub name: String,
    pub school: String,
    /// 「2年1組」.
    pub class: String,
}
