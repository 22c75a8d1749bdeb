//! A supporter as the ranking sees her for one request: what she offers, her vetting, her month
//! and her history with the requesting family.

use super::availability::Availability;
use super::ids::{AreaId, SupporterId};
use super::skill::Skills;
use chrono::NaiveDate;

/// The coordinators' vetting of a supporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Vetting {
    /// The day she completed the 講習 (training course), if she has.
    pub course_completed: Option<NaiveDate>,
    /// Whether the coordinator's 面談 (interview) is done.
    pub interviewed: bool,
    /// Her 補償保険 period, if one is recorded.
    pub insurance: Option<InsurancePeriod>,
}

/// An insurance period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsurancePeriod {
    from: NaiveDate,
    until: NaiveDate,
}

/// Why two dates are not an insurance period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("保険期間の終わりが始まりより前です。")]
pub struct InsurancePeriodError;

impl InsurancePeriod {
    pub fn new(from: NaiveDate, until: NaiveDate) -> Result<InsurancePeriod, InsurancePeriodError> {
        if until < from {
            return Err(InsurancePeriodError);
        }
        Ok(InsurancePeriod { from, until })
    }

    pub fn covers(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.until
    }

    pub fn from(self) -> NaiveDate {
        self.from
    }

    pub fn until(self) -> NaiveDate {
        self.until
    }
}

/// One supporter, with everything the filters and the score read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: SupporterId,
    /// Not paused or withdrawn by her or a coordinator.
    pub active: bool,
    pub vetting: Vetting,
    /// The areas she has said she covers.
    pub areas: Vec<AreaId>,
    /// Where she lives, from which distances are counted.
    pub home_area: AreaId,
    pub skills: Skills,
    pub availability: Availability,
    /// The most activities she takes on in a month.
    pub monthly_limit: u32,
    /// Her activities this month, matched ones included (they take her time as well).
    pub activities_this_month: u32,
    /// How many activities she has done for the requesting family.
    pub helped_family: u32,
    /// Whether her 事前打合せ with the requesting family is recorded.
    pub met_family: bool,
}
