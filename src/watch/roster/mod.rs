//! School rosters uploaded as CSV (readers, children, guardians): bytes → typed rows or errors.
//!
//! Pure parsing: no database. Excel's two CSV flavours (CP932 and UTF-8 with BOM) are read,
//! columns are found by header name in any order, and every problem is reported with the row
//! number Excel shows, so a coordinator can fix the sheet in one pass. The database layer decides
//! what a school name or 児童番号 refers to.

mod cell;
mod children;
mod error;
mod fold;
mod guardians;
mod header;
mod kind;
mod line;
mod readers;
mod table;
mod text;

#[cfg(test)]
mod tests;

pub use children::ChildRow;
pub use error::{FileError, LineError, RosterErrors, MAX_LINE_ERRORS};
pub use guardians::{GuardianRow, MAX_ADDRESSES_PER_CHILD};
pub use kind::{RosterKind, UnknownRosterKind};
pub use readers::{kind_from_sheet, ReaderRow};

/// The rows of one roster file, all checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Roster {
    Readers(Vec<ReaderRow>),
    Children(Vec<ChildRow>),
    Guardians(Vec<GuardianRow>),
}

impl Roster {
    pub fn kind(&self) -> RosterKind {
        match self {
            Roster::Readers(_) => RosterKind::Readers,
            Roster::Children(_) => RosterKind::Children,
            Roster::Guardians(_) => RosterKind::Guardians,
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            Roster::Readers(rows) => rows.len(),
            Roster::Children(rows) => rows.len(),
            Roster::Guardians(rows) => rows.len(),
        }
    }

    /// Never true for a parsed file (one without rows is a [`FileError::NoRows`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads an uploaded file of the given kind: every row, or every problem (up to
/// [`MAX_LINE_ERRORS`]), or the one reason the file could not be read at all.
pub fn parse_roster(kind: RosterKind, bytes: &[u8]) -> Result<Roster, RosterErrors> {
    let text = text::decode(bytes)?;
    match kind {
        RosterKind::Readers => readers::parse(&text).map(Roster::Readers),
        RosterKind::Children => children::parse(&text).map(Roster::Children),
        RosterKind::Guardians => guardians::parse(&text).map(Roster::Guardians),
    }
}
