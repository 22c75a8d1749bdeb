//! Splitting a list into pages that fit a byte budget.

use std::ops::Range;

/// Splits items of the given encoded sizes into consecutive pages of at most `budget` bytes each.
/// An item larger than the budget gets a page of its own (the caller shortens such items).
/// There is always at least one page, possibly empty.
pub fn split_pages(sizes: &[usize], budget: usize) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, &size) in sizes.iter().enumerate() {
        if i > start && used + size > budget {
            pages.push(start..i);
            (start, used) = (i, 0);
        }
        used += size;
    }
    if start < sizes.len() || pages.is_empty() {
        pages.push(start..sizes.len());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::split_pages;

    #[test]
    fn items_fill_pages_up_to_the_budget() {
        assert_eq!(split_pages(&[40, 40, 40, 40, 40], 100), vec![0..2, 2..4, 4..5]);
        assert_eq!(split_pages(&[100, 1], 100), vec![0..1, 1..2]);
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        assert_eq!(split_pages(&[], 100), vec![0..0]);
    }

    #[test]
    fn an_oversized_item_stands_alone() {
        assert_eq!(split_pages(&[10, 500, 10], 100), vec![0..1, 1..2, 2..3]);
    }
}
