//! Where a supporter stands with the coordinators, as the console counts her: offerable, paused,
//! needing vetting, or with an insurance period about to end.

use super::candidate::Vetting;
use super::reason::Exclusion;
use super::vetting::{offerable_on, InsuranceState};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VettingState {
    /// 休止中: paused by her or a coordinator.
    Paused,
    /// 講習, 面談 or a valid insurance period is missing today.
    NeedsVetting,
    /// Offerable today, but the insurance ends within `vetting::INSURANCE_WARNING_DAYS`.
    InsuranceEnding,
    /// Receives offers.
    Offerable,
}

impl VettingState {
    /// By the ranking's own vetting filters (`vetting::offerable_on`) for today.
    pub fn of(active: bool, vetting: &Vetting, today: NaiveDate) -> VettingState {
        match offerable_on(vetting, active, today) {
            Err(Exclusion::Inactive) => VettingState::Paused,
            Err(_) => VettingState::NeedsVetting,
            Ok(()) if InsuranceState::of(vetting, today) == InsuranceState::EndingSoon => VettingState::InsuranceEnding,
            Ok(()) => VettingState::Offerable,
        }
    }

    /// Whether offers reach her today (an ending insurance still covers today).
    pub fn offerable(self) -> bool {
        matches!(self, VettingState::Offerable | VettingState::InsuranceEnding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::support::candidate::InsurancePeriod;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn states_in_order_of_precedence() {
        let vetted = |until: &str| Vetting {
            course_completed: Some(day("2026-01-10")),
            interviewed: true,
            insurance: Some(InsurancePeriod::new(day("2026-04-01"), day(until)).unwrap()),
        };
        let today = day("2026-12-03");
        let cases = [
            (false, vetted("2030-03-31"), VettingState::Paused),
            (true, Vetting::default(), VettingState::NeedsVetting),
            (true, vetted("2026-12-02"), VettingState::NeedsVetting),
            (true, vetted("2026-12-03"), VettingState::InsuranceEnding),
            (true, vetted("2027-01-02"), VettingState::InsuranceEnding),
            (true, vetted("2027-01-03"), VettingState::Offerable),
            (
                true,
                Vetting {
                    interviewed: false,
                    ..vetted("2030-03-31")
                },
                VettingState::NeedsVetting,
            ),
        ];
        for (active, vetting, want) in cases {
            assert_eq!(VettingState::of(active, &vetting, today), want, "{vetting:?}");
        }
        assert!(VettingState::InsuranceEnding.offerable());
        assert!(!VettingState::Paused.offerable());
    }
}
