//! Hits: the matching rows loaded, with a snippet around the first match, ranked.

use super::terms::Terms;
use super::Kind;
use crate::db::schema::{events, facilities, threads};
use crate::db::DbConnection;
use crate::domain::fold::fold_indexed;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// Characters of context a snippet shows before the match.
const BEFORE: usize = 8;
/// Characters a snippet shows in all.
const SNIPPET_CHARS: usize = 36;

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    pub title: String,
    /// A short piece of the text around the first match (or its beginning), on one line.
    pub snippet: String,
    /// When: a post's creation, an event's day; none for a facility.
    pub when: Option<NaiveDateTime>,
    /// An event's day (for its label).
    pub day: Option<NaiveDate>,
    /// How many of the query's words the title contains (ranks before recency).
    pub title_words: usize,
}

/// A matching row: its title, the text a snippet is cut from, and its dates.
struct Row {
    id: i64,
    title: String,
    text: String,
    when: Option<NaiveDateTime>,
    day: Option<NaiveDate>,
}

/// The rows of `kind` with these ids as hits.
pub fn load(conn: &mut DbConnection, kind: Kind, ids: &[i64], terms: &Terms) -> QueryResult<Vec<Hit>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = match kind {
        Kind::Post => threads::table
            .filter(threads::id.eq_any(ids))
            .select((threads::id, threads::title, threads::body, threads::created_at))
            .load::<(i64, String, String, NaiveDateTime)>(conn)?
            .into_iter()
            .map(|(id, title, body, at)| Row {
                id,
                title,
                text: body,
                when: Some(at),
                day: None,
            })
            .collect(),
        Kind::Event => events::table
            .filter(events::id.eq_any(ids))
            .select((events::id, events::title, events::place, events::body, events::held_on))
            .load::<(i64, String, String, String, NaiveDate)>(conn)?
            .into_iter()
            .map(|(id, title, place, body, day)| Row {
                id,
                title,
                text: format!("{place} {body}"),
                when: day.and_hms_opt(0, 0, 0),
                day: Some(day),
            })
            .collect(),
        Kind::Facility => facilities::table
            .filter(facilities::id.eq_any(ids))
            .select((facilities::id, facilities::name, facilities::address, facilities::note))
            .load::<(i64, String, String, String)>(conn)?
            .into_iter()
            .map(|(id, name, address, note)| Row {
                id,
                title: name,
                text: format!("{address} {note}"),
                when: None,
                day: None,
            })
            .collect(),
    };
    Ok(rows
        .into_iter()
        .map(|row| Hit {
            kind,
            id: row.id,
            title_words: words_in(&row.title, terms),
            snippet: snippet(&row.text, terms),
            title: row.title,
            when: row.when,
            day: row.day,
        })
        .collect())
}

/// More title words first, then the newest (facilities, which have no date, last).
pub fn rank(hits: &mut [Hit]) {
    hits.sort_by(|a, b| b.title_words.cmp(&a.title_words).then(b.when.cmp(&a.when)));
}

fn words_in(text: &str, terms: &Terms) -> usize {
    let folded: String = fold_indexed(text).into_iter().map(|(c, _)| c).collect();
    terms.words().iter().filter(|w| folded.contains(w.as_str())).count()
}

/// About `SNIPPET_CHARS` characters of `text` on one line, starting a little before the first
/// word found (in the folded text; mapped back to the original characters).
fn snippet(text: &str, terms: &Terms) -> String {
    let original: Vec<char> = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    let folded = fold_indexed(text);
    let folded_text: String = folded.iter().map(|(c, _)| *c).collect();
    let first = terms
        .words()
        .iter()
        .filter_map(|w| folded_text.find(w.as_str()))
        .min()
        .map(|byte| folded_text[..byte].chars().count())
        .and_then(|at| folded.get(at))
        .map_or(0, |(_, source)| *source);
    let mut start = first.saturating_sub(BEFORE);
    // Begin after the last break (a space, a field boundary, 。 or 、) before the match, if any …
    if let Some(at) = original[start..first]
        .iter()
        .rposition(|c| matches!(c, ' ' | '。' | '、'))
    {
        start += at + 1;
    }
    // … and never on a half-width sound mark, cut from its kana.
    if start > 0 && matches!(original[start], '\u{FF9E}' | '\u{FF9F}') {
        start -= 1;
    }
    let end = (start + SNIPPET_CHARS).min(original.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&original[start..end]);
    if end < original.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Terms {
        Terms::parse(q).expect("terms")
    }

    #[test]
    fn a_snippet_starts_a_little_before_the_match() {
        let text = "今日は朝から雨でしたが、午後から子育て支援センターのひろばに行ってきました。広くてきれいでした。駐車場もあって便利です。また行きたいです。";
        let s = snippet(text, &terms("支援"));
        assert!(s.starts_with("…午後から子育て支援センター"), "from the last 、: {s}");
        assert!(s.ends_with('…'), "{s}");
        let s = snippet("柏市増尾5-6-7 となりの増尾公園で外遊びもできます。", &terms("公園"));
        assert!(s.starts_with("…となりの増尾公園"), "from the field boundary: {s}");
    }

    #[test]
    fn a_snippet_points_into_the_original_across_folded_half_width_kana() {
        // 公園 is the 10th folded character but the 12th written one (ﾍﾞ and ﾋﾞ are two each).
        let s = snippet("ﾍﾞﾋﾞｰｶｰで行ける公園", &terms("公園"));
        assert_eq!(s, "…ﾋﾞｰｶｰで行ける公園");
    }

    #[test]
    fn a_snippet_without_a_match_is_the_beginning_on_one_line() {
        assert_eq!(snippet("一行目\n二行目", &terms("ない")), "一行目 二行目");
    }

    #[test]
    fn title_words_rank_before_recency() {
        let hit = |id, title_words, day: u32| Hit {
            kind: Kind::Post,
            id,
            title: String::new(),
            snippet: String::new(),
            when: NaiveDate::from_ymd_opt(2026, 11, day).and_then(|d| d.and_hms_opt(0, 0, 0)),
            day: None,
            title_words,
        };
        let mut hits = vec![hit(1, 0, 20), hit(2, 1, 1), hit(3, 0, 21)];
        rank(&mut hits);
        assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), [2, 3, 1]);
    }
}
