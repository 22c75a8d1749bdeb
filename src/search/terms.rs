//! A search query parsed at the edge: folded words, all of which must match.

use crate::domain::fold::fold;

/// Most words a query keeps (the rest are dropped: each word is one more condition).
pub const MAX_WORDS: usize = 5;
/// Most characters a word keeps.
pub const MAX_WORD_CHARS: usize = 30;
/// Trigram indexes serve words of at least this many characters; shorter ones are scanned.
pub const TRIGRAM: usize = 3;

/// The words of a query, folded (`normalise::fold`), without empties or repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms(Vec<String>);

impl Terms {
    /// The words of `raw` separated by spaces (full-width ones too), or `None` for an empty query.
    pub fn parse(raw: &str) -> Option<Terms> {
        let folded = fold(raw);
        let mut words: Vec<String> = Vec::new();
        for word in folded.split_whitespace() {
            let word: String = word.chars().take(MAX_WORD_CHARS).collect();
            if !words.contains(&word) {
                words.push(word);
            }
            if words.len() == MAX_WORDS {
                break;
            }
        }
        (!words.is_empty()).then_some(Terms(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }

    /// The words a trigram index can serve, and the short ones it cannot.
    pub fn split_by_length(&self) -> (Vec<&str>, Vec<&str>) {
        self.0
            .iter()
            .map(String::as_str)
            .partition(|w| w.chars().count() >= TRIGRAM)
    }
}

/// `%word%` for LIKE with `\` as the escape character, the wildcards of the word escaped.
pub fn like_pattern(word: &str) -> String {
    let mut pattern = String::with_capacity(word.len() + 2);
    pattern.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The word as an FTS5 string (a phrase): in double quotes, a quote inside doubled, so that no
/// character of it is FTS5 syntax.
pub fn fts_phrase(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_on_half_and_full_width_spaces_and_folded() {
        let terms = Terms::parse(" 公園\u{3000}ＢＡＢＹ  ｶﾌｪ ").expect("terms");
        assert_eq!(terms.words(), ["公園", "baby", "カフェ"]);
    }

    #[test]
    fn an_empty_or_blank_query_is_none() {
        assert_eq!(Terms::parse(""), None);
        assert_eq!(Terms::parse(" \u{3000} "), None);
    }

    #[test]
    fn repeats_are_dropped_and_words_capped() {
        let terms = Terms::parse("a a b c d e f g").expect("terms");
        assert_eq!(terms.words(), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn short_words_are_told_apart_from_trigram_words() {
        let terms = Terms::parse("公園 支援センター 保育").expect("terms");
        assert_eq!(terms.split_by_length(), (vec!["支援センター"], vec!["公園", "保育"]));
    }

    #[test]
    fn like_wildcards_and_the_escape_character_are_escaped() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn fts_phrases_quote_their_quotes() {
        assert_eq!(fts_phrase("a\"b OR c*"), "\"a\"\"b OR c*\"");
    }
}
