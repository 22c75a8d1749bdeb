//! Reading a supporter's reply to an offer mail: 「1」「はい」「OK」 accept, 「2」「いいえ」 decline.
//!
//! Only the first line with text counts: handsets quote the original offer below the answer
//! (「> 1 か はい で引き受け」), and a signature may follow it; neither may decide. Full-width digits
//! and letters (１, ＯＫ) and a trailing 「です」 or punctuation are what a keitai keypad gives.

/// What a reply to an offer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferAnswer {
    Accept,
    Decline,
}

/// The answer in a reply body, if it can be read.
pub fn read_offer_answer(body: &str) -> Option<OfferAnswer> {
    let first = body
        .lines()
        .map(|line| line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .find(|line| !line.is_empty())?;
    if first.starts_with('>') || first.starts_with('＞') {
        // The answer was typed below the quote, or not at all: a quoted 「1」 is the offer's text.
        return None;
    }
    let folded: String = first.chars().map(half_width).collect::<String>().to_lowercase();
    let word: String = folded
        .chars()
        .take_while(|c| !matches!(c, ' ' | '、' | '。' | ',' | '.' | '!' | '！' | '\t'))
        .collect();
    let word = word.trim_end_matches("です").trim_end_matches("します");
    match word {
        "1" | "はい" | "ok" | "ｏｋ" | "引き受けます" | "引き受ける" | "受けます" => {
            Some(OfferAnswer::Accept)
        }
        "2" | "いいえ" | "辞退" | "辞退します" | "無理" => Some(OfferAnswer::Decline),
        _ => None,
    }
}

/// Full-width ASCII (１, Ｏ, ｋ) as half-width.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_read_as_their_first_line_says() {
        use OfferAnswer::{Accept, Decline};
        let cases: [(&str, Option<OfferAnswer>); 22] = [
            ("1", Some(Accept)),
            ("１", Some(Accept)),
            ("1\n", Some(Accept)),
            ("  はい\n", Some(Accept)),
            ("はい。よろしくお願いします", Some(Accept)),
            ("はい、大丈夫です", Some(Accept)),
            ("OK", Some(Accept)),
            ("ok!", Some(Accept)),
            ("ＯＫです", Some(Accept)),
            ("Ok", Some(Accept)),
            ("\n\n1\n\n> 1 か はい で引き受け\n> 2 か いいえ で辞退", Some(Accept)),
            ("1\n-- \n山田よしこ\n090-0000-0000", Some(Accept)),
            ("2", Some(Decline)),
            ("２", Some(Decline)),
            ("いいえ", Some(Decline)),
            ("いいえ、その日は無理です", Some(Decline)),
            ("2\n> 1 か はい で引き受け", Some(Decline)),
            ("", None),
            ("> 1 か はい で引き受け\n> 2 か いいえ で辞退", None),
            ("12", None),
            ("たぶん大丈夫", None),
            ("3", None),
        ];
        for (body, expected) in cases {
            assert_eq!(read_offer_answer(body), expected, "{body:?}");
        }
    }
}
