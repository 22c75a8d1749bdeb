//! A sibling pattern → the household's options, best first.
//!
//! An option says, for each sibling, the facility she is admitted at or that she is not admitted.
//! Ranking: more children admitted first for the 順次 patterns (all together is the only size for
//! 同時); then, for （同）, options keeping everyone at one facility; then the sum of the
//! children's preference ranks; then the elder's rank, the next one's, and so on.

use super::SiblingPattern;

/// The most options kept per household, and the most combinations looked at per set of admitted
/// siblings: a household of five with twenty preferences each would otherwise have millions.
pub(crate) const MAX_OPTIONS: usize = 500;
const MAX_TUPLES: usize = 20_000;

/// The options of siblings given elder first, each by her preferences (facility ids, best first).
/// `None` in an option: that child is not admitted.
pub(crate) fn expand(pattern: SiblingPattern, prefs: &[&[u32]]) -> Vec<Vec<Option<u32>>> {
    let n = prefs.len();
    let mut ranked: Vec<(Key, Vec<Option<u32>>)> = Vec::new();
    for admitted in admitted_sets(pattern, n) {
        if pattern.one_facility() {
            same_facility(&admitted, prefs, &mut ranked);
        } else {
            every_tuple(pattern, &admitted, prefs, &mut ranked);
        }
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0));
    let mut options: Vec<Vec<Option<u32>>> = Vec::new();
    for (_, option) in ranked {
        if options.len() == MAX_OPTIONS {
            break;
        }
        if !options.contains(&option) {
            options.push(option);
        }
    }
    options
}

/// Sort key: fewer children (negated count), split, rank sum, ranks elder first.
type Key = (usize, bool, usize, Vec<usize>);

/// Which siblings may be admitted in one option, as flags elder first.
fn admitted_sets(pattern: SiblingPattern, n: usize) -> Vec<Vec<bool>> {
    let all = vec![true; n];
    match pattern {
        SiblingPattern::SameTogether | SiblingPattern::SplitTogetherSame | SiblingPattern::SplitTogetherOwn => {
            vec![all]
        }
        // The k eldest (never a younger one without the elder).
        SiblingPattern::SameElderFirst => (1..=n).rev().map(|k| (0..n).map(|i| i < k).collect()).collect(),
        // The k youngest.
        SiblingPattern::SameYoungerFirst => (1..=n).rev().map(|k| (0..n).map(|i| i >= n - k).collect()).collect(),
        SiblingPattern::SplitStepwiseSame | SiblingPattern::SplitStepwiseOwn => {
            // Every non-empty subset; n is a household's applicants (rarely above 4).
            let n = n.min(12);
            (1..(1u32 << n))
                .map(|mask| (0..n).map(|i| mask & (1 << i) != 0).collect())
                .collect()
        }
    }
}

fn same_facility(admitted: &[bool], prefs: &[&[u32]], out: &mut Vec<(Key, Vec<Option<u32>>)>) {
    let Some(first) = admitted.iter().position(|a| *a) else {
        return;
    };
    let count = admitted.iter().filter(|a| **a).count();
    for &facility in prefs[first] {
        let mut ranks = Vec::with_capacity(prefs.len());
        for (i, own) in prefs.iter().enumerate() {
            if !admitted[i] {
                ranks.push(0);
                continue;
            }
            match own.iter().position(|f| *f == facility) {
                Some(rank) => ranks.push(rank),
                None => break,
            }
        }
        if ranks.len() < prefs.len() {
            continue;
        }
        let option = admitted.iter().map(|a| a.then_some(facility)).collect();
        out.push(((usize::MAX - count, false, ranks.iter().sum(), ranks), option));
    }
}

fn every_tuple(pattern: SiblingPattern, admitted: &[bool], prefs: &[&[u32]], out: &mut Vec<(Key, Vec<Option<u32>>)>) {
    let members: Vec<usize> = (0..prefs.len()).filter(|&i| admitted[i]).collect();
    if members.iter().any(|&i| prefs[i].is_empty()) {
        return;
    }
    // Shorten every list alike until the product fits.
    let mut depth = members.iter().map(|&i| prefs[i].len()).max().unwrap_or(0);
    while depth > 1 && members.iter().map(|&i| prefs[i].len().min(depth)).product::<usize>() > MAX_TUPLES {
        depth -= 1;
    }
    let mut ranks = vec![0usize; prefs.len()];
    loop {
        let option: Vec<Option<u32>> = (0..prefs.len())
            .map(|i| admitted[i].then(|| prefs[i][ranks[i]]))
            .collect();
        let placed: Vec<u32> = option.iter().flatten().copied().collect();
        let split = placed.windows(2).any(|w| w[0] != w[1]);
        let key_ranks: Vec<usize> = (0..prefs.len())
            .map(|i| if admitted[i] { ranks[i] } else { 0 })
            .collect();
        out.push((
            (
                usize::MAX - members.len(),
                pattern.prefers_same() && split,
                key_ranks.iter().sum(),
                key_ranks,
            ),
            option,
        ));
        // Next tuple, the last member counting fastest.
        let mut carried = true;
        for &i in members.iter().rev() {
            ranks[i] += 1;
            if ranks[i] < prefs[i].len().min(depth) {
                carried = false;
                break;
            }
            ranks[i] = 0;
        }
        if carried {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SiblingPattern::*;

    const A: u32 = 0;
    const B: u32 = 1;
    const C: u32 = 2;

    fn options(pattern: SiblingPattern, prefs: &[&[u32]]) -> Vec<Vec<Option<u32>>> {
        expand(pattern, prefs)
    }

    #[test]
    fn same_together_keeps_only_common_facilities_for_all() {
        let got = options(SameTogether, &[&[A, B, C], &[C, A]]);
        // A: ranks 0+1 = 1; C: 2+0 = 2.
        assert_eq!(got, [vec![Some(A), Some(A)], vec![Some(C), Some(C)]]);
    }

    #[test]
    fn same_elder_first_never_admits_the_younger_alone() {
        let got = options(SameElderFirst, &[&[A, B], &[B]]);
        assert_eq!(got, [vec![Some(B), Some(B)], vec![Some(A), None], vec![Some(B), None]]);
    }

    #[test]
    fn same_younger_first_never_admits_the_elder_alone() {
        let got = options(SameYoungerFirst, &[&[A, B], &[B]]);
        assert_eq!(got, [vec![Some(B), Some(B)], vec![None, Some(B)]]);
    }

    #[test]
    fn split_together_same_puts_one_facility_before_better_ranked_splits() {
        let got = options(SplitTogetherSame, &[&[A, B], &[B, A]]);
        assert_eq!(
            got,
            [
                vec![Some(A), Some(A)], // same, ranks 0+1
                vec![Some(B), Some(B)], // same, ranks 1+0; the elder's rank breaks the tie
                vec![Some(A), Some(B)], // split, 0+0
                vec![Some(B), Some(A)], // split, 1+1
            ]
        );
    }

    #[test]
    fn split_together_own_ranks_by_the_children_s_own_preferences() {
        let got = options(SplitTogetherOwn, &[&[A, B], &[B, A]]);
        assert_eq!(got[0], [Some(A), Some(B)]);
        assert_eq!(got.len(), 4);
        assert_eq!(got[3], [Some(B), Some(A)]);
    }

    #[test]
    fn stepwise_patterns_admit_more_children_first() {
        let same = options(SplitStepwiseSame, &[&[A], &[B]]);
        assert_eq!(same, [vec![Some(A), Some(B)], vec![Some(A), None], vec![None, Some(B)]]);
        let own = options(SplitStepwiseOwn, &[&[A, B], &[A, B]]);
        assert_eq!(own[0], [Some(A), Some(A)]);
        assert_eq!(own.iter().filter(|o| o.iter().all(Option::is_some)).count(), 4);
        assert_eq!(own[4], [Some(A), None]);
        assert_eq!(own.len(), 8);
    }

    #[test]
    fn a_large_household_is_cut_to_the_best_options() {
        let long: Vec<u32> = (0..20).collect();
        let prefs: Vec<&[u32]> = vec![&long; 5];
        let got = options(SplitStepwiseOwn, &prefs);
        assert_eq!(got.len(), MAX_OPTIONS);
        assert_eq!(got[0], vec![Some(0); 5]);
    }
}
