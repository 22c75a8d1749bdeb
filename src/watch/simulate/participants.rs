//! Who takes part in a simulation: each school's readers with their secrets, and the tag each
//! child carries now.

use super::SimulateError;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::reader::{Reader, ReaderKind};
use crate::db::models::watch::school::School;
use crate::db::DbConnection;

/// A reader as the simulator needs it: where to post and what to sign with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimReader {
    pub id: i64,
    pub name: String,
    /// The HMAC key (the 64 hex characters as ASCII, see `docs/reader-protocol.md`).
    pub secret: String,
}

/// One school's part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolParticipants {
    pub name: String,
    pub gates: Vec<SimReader>,
    /// 学童クラブ, 児童館, crossings: passed by some children on the way.
    pub waypoints: Vec<SimReader>,
    /// The current tag of each child that has one.
    pub tags: Vec<String>,
}

/// The schools taking part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Participants {
    pub schools: Vec<SchoolParticipants>,
}

impl Participants {
    /// Every school, or the one named `school`.
    pub fn load(conn: &mut DbConnection, school: Option<&str>) -> Result<Participants, SimulateError> {
        let schools = match school {
            Some(name) => vec![School::by_name(conn, name)?.ok_or_else(|| SimulateError::UnknownSchool(name.into()))?],
            None => School::all(conn)?,
        };
        let mut participants = Participants::default();
        for school in schools {
            let mut part = SchoolParticipants {
                name: school.name.clone(),
                ..SchoolParticipants::default()
            };
            for reader in Reader::of_school(conn, school.id)? {
                let kind = reader.kind();
                let sim = SimReader {
                    id: reader.id,
                    name: reader.name,
                    secret: reader.secret,
                };
                match kind {
                    ReaderKind::Gate => part.gates.push(sim),
                    ReaderKind::Waypoint => part.waypoints.push(sim),
                }
            }
            for child in Child::of_school(conn, school.id)? {
                if let Some(tag) = Child::current_tag(conn, child.id)? {
                    part.tags.push(tag);
                }
            }
            participants.schools.push(part);
        }
        Ok(participants)
    }

    /// Every reader of every school.
    pub fn readers(&self) -> impl Iterator<Item = &SimReader> {
        self.schools.iter().flat_map(|s| s.gates.iter().chain(&s.waypoints))
    }

    /// Children with a tag, in all schools.
    pub fn children(&self) -> usize {
        self.schools.iter().map(|s| s.tags.len()).sum()
    }
}
