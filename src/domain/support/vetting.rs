//! Whether a supporter can be offered anything at all on a day, from her pause and the
//! coordinators' vetting: the same check the ranking makes first, so her home page, the
//! coordinators' list and the ranking never disagree.

use super::candidate::Vetting;
use super::reason::Exclusion;
use chrono::{Duration, NaiveDate};

/// Days before its end at which an insurance period is shown as 期限間近.
pub const INSURANCE_WARNING_DAYS: i64 = 30;

/// The first vetting filter that keeps her from offers for an activity on `first..=last`
/// (an overnight activity touches two days): paused, no 講習 by the first day, no 面談, or no
/// insurance covering both days (a period is one stretch, so covering both ends covers all).
pub fn vetting_exclusion(active: bool, vetting: &Vetting, first: NaiveDate, last: NaiveDate) -> Option<Exclusion> {
    if !active {
        Some(Exclusion::Inactive)
    } else if vetting.course_completed.is_none_or(|day| day > first) {
        Some(Exclusion::NoCourse)
    } else if !vetting.interviewed {
        Some(Exclusion::NotInterviewed)
    } else if !vetting
        .insurance
        .is_some_and(|period| period.covers(first) && period.covers(last))
    {
        Some(Exclusion::Uninsured)
    } else {
        None
    }
}

/// Whether she may be offered an activity on `day`, or the first reason she may not.
pub fn offerable_on(vetting: &Vetting, active: bool, day: NaiveDate) -> Result<(), Exclusion> {
    vetting_exclusion(active, vetting, day, day).map_or(Ok(()), Err)
}

/// Her insurance on a day, as the coordinators' list marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsuranceState {
    /// No period recorded.
    Missing,
    /// The period starts later.
    NotYet,
    Valid,
    /// Valid, ending within `INSURANCE_WARNING_DAYS`.
    EndingSoon,
    Expired,
}

impl InsuranceState {
    pub fn of(vetting: &Vetting, today: NaiveDate) -> InsuranceState {
        match vetting.insurance {
            None => InsuranceState::Missing,
            Some(p) if today < p.from() => InsuranceState::NotYet,
            Some(p) if p.until() < today => InsuranceState::Expired,
            Some(p) if p.until() - today <= Duration::days(INSURANCE_WARNING_DAYS) => InsuranceState::EndingSoon,
            Some(_) => InsuranceState::Valid,
        }
    }

    /// The mark next to the period (empty when nothing needs doing).
    pub fn mark(self) -> &'static str {
        match self {
            InsuranceState::Missing => "未登録",
            InsuranceState::NotYet => "開始前",
            InsuranceState::Valid => "",
            InsuranceState::EndingSoon => "期限間近",
            InsuranceState::Expired => "期限切れ",
        }
    }

    /// Needs the coordinator's attention soon (the list's 「保険の期限」 filter).
    pub fn needs_renewal(self) -> bool {
        matches!(self, InsuranceState::EndingSoon | InsuranceState::Expired)
    }
}

/// What a supporter reads on her own page about why she receives no offers, in plain words.
pub fn advice(exclusion: Exclusion) -> &'static str {
    match exclusion {
        Exclusion::Inactive => {
            "いまは休止中です。依頼のお知らせは届きません。再開するときは「提供内容」から再開できます。"
        }
        Exclusion::NoCourse => "講習の受講記録がまだです。センターにお問い合わせください。",
        Exclusion::NotInterviewed => "センターとの面談がまだです。センターにお問い合わせください。",
        Exclusion::Uninsured => "補償保険の期間が登録されていないか、切れています。センターにお問い合わせください。",
        _ => "依頼のお知らせが届かない状態です。センターにお問い合わせください。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::support::candidate::InsurancePeriod;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn vetted() -> Vetting {
        Vetting {
            course_completed: Some(day("2026-01-10")),
            interviewed: true,
            insurance: Some(InsurancePeriod::new(day("2026-04-01"), day("2027-03-31")).unwrap()),
        }
    }

    #[test]
    fn offerability_follows_the_rankings_order_of_filters() {
        let on = day("2026-12-07");
        let none = Vetting::default();
        let cases: [(&str, Vetting, bool, Result<(), Exclusion>); 7] = [
            ("vetted and active", vetted(), true, Ok(())),
            ("paused comes first", none, false, Err(Exclusion::Inactive)),
            ("nothing recorded", none, true, Err(Exclusion::NoCourse)),
            (
                "course after the day",
                Vetting {
                    course_completed: Some(day("2026-12-08")),
                    ..vetted()
                },
                true,
                Err(Exclusion::NoCourse),
            ),
            (
                "no interview",
                Vetting {
                    interviewed: false,
                    ..vetted()
                },
                true,
                Err(Exclusion::NotInterviewed),
            ),
            (
                "no insurance",
                Vetting {
                    insurance: None,
                    ..vetted()
                },
                true,
                Err(Exclusion::Uninsured),
            ),
            (
                "insurance ended",
                Vetting {
                    insurance: Some(InsurancePeriod::new(day("2025-04-01"), day("2026-03-31")).unwrap()),
                    ..vetted()
                },
                true,
                Err(Exclusion::Uninsured),
            ),
        ];
        for (case, vetting, active, expected) in cases {
            assert_eq!(offerable_on(&vetting, active, on), expected, "{case}");
        }
    }

    #[test]
    fn an_overnight_activity_needs_insurance_on_both_days() {
        let v = vetted();
        assert_eq!(
            vetting_exclusion(true, &v, day("2027-03-31"), day("2027-04-01")),
            Some(Exclusion::Uninsured)
        );
        assert_eq!(vetting_exclusion(true, &v, day("2027-03-30"), day("2027-03-31")), None);
    }

    #[test]
    fn insurance_marks() {
        let v = vetted();
        let cases = [
            ("2026-03-31", InsuranceState::NotYet),
            ("2026-12-07", InsuranceState::Valid),
            ("2027-03-01", InsuranceState::EndingSoon),
            ("2027-03-31", InsuranceState::EndingSoon),
            ("2027-04-01", InsuranceState::Expired),
        ];
        for (today, expected) in cases {
            assert_eq!(InsuranceState::of(&v, day(today)), expected, "{today}");
        }
        assert_eq!(
            InsuranceState::of(&Vetting::default(), day("2026-12-07")),
            InsuranceState::Missing
        );
        assert_eq!(InsuranceState::Expired.mark(), "期限切れ");
    }
}
