//! Reading answers: survey choices from a form or a reply mail (`1 2 1`, 「出席」), free replies.
//!
//! Only what the guardian wrote counts: the quoted notice below her answer (`>` lines, a
//! 「-----Original Message-----」 block, the reply header her phone writes) and her signature are
//! left out (`own_reply`), since the notice itself lists the questions with their numbered
//! choices. A survey of N questions is answered by N numbers or choice words in question order
//! (`1 2 1`, `１　２　１`, `1,2,1`, `出席 ○`), by `121` when every question has fewer than ten
//! choices, or by numbered lines (`1. 出席` / `2. ○`) as the answer mail writes them. Anything
//! else is unreadable, with the question that was wrong, and nothing is stored.

use crate::domain::fold::fold;
use crate::domain::support::matched_reply::own_text;

/// The longest free reply kept (a thread comment's limit, `domain::post::CommentBody`).
pub const FREE_REPLY_MAX: usize = 500;

/// A survey answer: the chosen choice of each question in order, 1 for the first choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices(Vec<u32>);

impl Choices {
    /// Checks numbers chosen on a form against the questions' choices (`choices[i]` is the number
    /// of choices of question i + 1).
    pub fn new(numbers: Vec<u32>, choices: &[usize]) -> Result<Choices, Unreadable> {
        if numbers.len() != choices.len() {
            return Err(Unreadable::Count {
                expected: choices.len(),
                given: numbers.len(),
            });
        }
        for (i, (n, count)) in numbers.iter().zip(choices).enumerate() {
            if *n == 0 || *n as usize > *count {
                return Err(Unreadable::OutOfRange {
                    question: i + 1,
                    number: *n,
                    choices: *count,
                });
            }
        }
        Ok(Choices(numbers))
    }

    /// As stored in `notebook_answers.choices`: `1 2 1`.
    pub fn stored(&self) -> String {
        self.0.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
    }

    /// A stored answer; numbers that do not read are left out (the tally shows what it can).
    pub fn from_stored(text: &str) -> Choices {
        Choices(text.split_whitespace().filter_map(|n| n.parse().ok()).collect())
    }

    /// The chosen number of each question, in order.
    pub fn numbers(&self) -> &[u32] {
        &self.0
    }

    /// The chosen number of question `position` (1-based).
    pub fn of(&self, position: usize) -> Option<u32> {
        position.checked_sub(1).and_then(|i| self.0.get(i)).copied()
    }
}

/// Why an answer cannot be read. The text says which question was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("回答が書かれていません。")]
    Empty,
    #[error("質問は{expected}問ですが、回答が{given}つありました。質問の順に{expected}つ書いてください。")]
    Count { expected: usize, given: usize },
    #[error("{question}問目の「{number}」は選択肢にありません（1〜{choices}の番号で答えてください）。")]
    OutOfRange {
        question: usize,
        number: u32,
        choices: usize,
    },
    #[error("{question}問目の「{word}」が選択肢にありません。番号か選択肢の言葉で答えてください。")]
    UnknownWord { question: usize, word: String },
    #[error("{question}問目が選ばれていません。")]
    Missing { question: usize },
}

impl Unreadable {
    /// The question that was wrong, if the error names one.
    pub fn question(&self) -> Option<usize> {
        match self {
            Unreadable::OutOfRange { question, .. }
            | Unreadable::UnknownWord { question, .. }
            | Unreadable::Missing { question } => Some(*question),
            Unreadable::Empty | Unreadable::Count { .. } => None,
        }
    }
}

/// A free reply: her text without the quote and signature, cut to `FREE_REPLY_MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeReply {
    pub text: String,
    /// The text was longer and was cut.
    pub cut: bool,
}

/// Reads a reply mail's body as the answers to a survey whose questions have these choices
/// (`choices[i]` lists question i + 1's).
pub fn read_survey(body: &str, choices: &[Vec<String>]) -> Result<Choices, Unreadable> {
    let own = own_reply(body);
    let lines: Vec<&str> = own.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return Err(Unreadable::Empty);
    }
    let whole = read_tokens(&tokens(&lines.join(" ")), choices);
    match whole {
        Err(Unreadable::Count { .. }) if lines.len() > 1 => {
            // Her answers on one line and a greeting below (「よろしくお願いします」): the first
            // line alone, as long as nothing below looks like another answer.
            let first = read_tokens(&tokens(lines[0]), choices);
            let rest_answers = lines[1..]
                .iter()
                .flat_map(|l| tokens(l))
                .any(|t| t.chars().all(|c| c.is_ascii_digit()) || matches_any(&t, choices));
            match first {
                Ok(answer) if !rest_answers => Ok(answer),
                _ => whole,
            }
        }
        other => other,
    }
}

/// Reads a free reply's body.
pub fn read_free_reply(body: &str) -> Result<FreeReply, Unreadable> {
    let own = own_reply(body);
    let text = own.trim();
    if text.is_empty() {
        return Err(Unreadable::Empty);
    }
    let kept: String = text.chars().take(FREE_REPLY_MAX).collect();
    let cut = kept.len() < text.len();
    Ok(FreeReply {
        text: kept.trim_end().to_string(),
        cut,
    })
}

/// The lines she wrote: the body up to the reply header her phone or mail program writes above
/// the quote, then without `>` lines and nothing after an 「Original Message」 or signature rule.
pub fn own_reply(body: &str) -> String {
    let mut kept = Vec::new();
    for line in body.lines() {
        if is_reply_header(line.trim()) {
            break;
        }
        kept.push(line);
    }
    own_text(&kept.join("\n"))
}

/// The line a mail program writes above the quoted mail: iPhone 「2026/12/03 10:00、…のメール:」,
/// Android and Gmail 「2026年12月3日(木) 10:00 … <…>:」, Outlook-style 「From:」/「差出人:」 blocks.
fn is_reply_header(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    line.ends_with("のメール:")
        || line.ends_with("のメール：")
        || line.ends_with("からのメール")
        || (line.ends_with(">:") && line.contains('@'))
        || lower.starts_with("from:")
        || line.starts_with("差出人:")
        || line.starts_with("差出人：")
        || line.starts_with("送信者:")
        || line.starts_with("送信者：")
        || line.starts_with("-----元のメッセージ")
}

/// Her answer split into words: spaces (also ideographic), commas, 、 and slashes separate;
/// numbered lines (`1. 出席`, `2:○`) are kept as one `1.出席` word.
fn tokens(text: &str) -> Vec<String> {
    let folded = fold(text);
    let words: Vec<String> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '、' | '，' | '/' | ';' | '・'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '。' | '．')).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    // A question number standing alone (`1.` `2:` `(1)`) joins the word after it.
    let mut joined: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for word in words {
        match pending.take() {
            Some(label) => joined.push(format!("{label}{word}")),
            None if question_label(&word).is_some_and(|(_, rest)| rest.is_empty()) => pending = Some(word),
            None => joined.push(word),
        }
    }
    joined.extend(pending);
    joined
}

/// `1.` / `1:` / `1)` / `(1)` / `q1` / `1問目` at the start of a word: the question number and the rest.
fn question_label(word: &str) -> Option<(usize, &str)> {
    let body = word
        .strip_prefix('(')
        .or_else(|| word.strip_prefix('q'))
        .unwrap_or(word);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 1 {
        return None;
    }
    let number: usize = body[..digits].parse().ok()?;
    let rest = &body[digits..];
    for mark in ["問目", ".", ":", ")", "=", "番"] {
        if let Some(after) = rest.strip_prefix(mark) {
            return Some((number, after.trim_start_matches([':', ' '])));
        }
    }
    None
}

fn read_tokens(words: &[String], choices: &[Vec<String>]) -> Result<Choices, Unreadable> {
    let expected = choices.len();
    if words.is_empty() {
        return Err(Unreadable::Empty);
    }
    // Numbered answers (`1.出席 2.○`), in any order but each question once.
    let labelled: Vec<(usize, &str)> = words.iter().filter_map(|w| question_label(w)).collect();
    if labelled.len() == words.len() && labelled.iter().all(|(_, rest)| !rest.is_empty()) && expected > 0 {
        let mut given: Vec<Option<&str>> = vec![None; expected];
        for (number, rest) in &labelled {
            match given.get_mut(number.wrapping_sub(1)) {
                Some(slot @ None) => *slot = Some(rest),
                _ => {
                    return Err(Unreadable::Count {
                        expected,
                        given: words.len(),
                    })
                }
            }
        }
        let mut numbers = Vec::with_capacity(expected);
        for (i, word) in given.iter().enumerate() {
            let word = word.ok_or(Unreadable::Missing { question: i + 1 })?;
            numbers.push(read_one(word, i, &choices[i])?);
        }
        return Ok(Choices(numbers));
    }
    // `121`: one digit per question, when no question has ten choices or more.
    if words.len() == 1 && expected > 1 && choices.iter().all(|c| c.len() < 10) {
        let word = &words[0];
        if word.chars().count() == expected && word.chars().all(|c| c.is_ascii_digit()) {
            let mut numbers = Vec::with_capacity(expected);
            for (i, digit) in word.chars().enumerate() {
                numbers.push(read_one(&digit.to_string(), i, &choices[i])?);
            }
            return Ok(Choices(numbers));
        }
    }
    if words.len() != expected {
        return Err(Unreadable::Count {
            expected,
            given: words.len(),
        });
    }
    let mut numbers = Vec::with_capacity(expected);
    for (i, word) in words.iter().enumerate() {
        numbers.push(read_one(word, i, &choices[i])?);
    }
    Ok(Choices(numbers))
}

/// One answer to question `index` (0-based): a number of its choices or one of their words.
fn read_one(word: &str, index: usize, choices: &[String]) -> Result<u32, Unreadable> {
    let question = index + 1;
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) {
        let number: u32 = word.parse().unwrap_or(u32::MAX);
        if number == 0 || number as usize > choices.len() {
            return Err(Unreadable::OutOfRange {
                question,
                number,
                choices: choices.len(),
            });
        }
        return Ok(number);
    }
    let key = word_key(word);
    choices
        .iter()
        .position(|c| word_key(c) == key)
        .and_then(|i| u32::try_from(i + 1).ok())
        .ok_or_else(|| Unreadable::UnknownWord {
            question,
            word: word.to_string(),
        })
}

fn matches_any(word: &str, choices: &[Vec<String>]) -> bool {
    let key = word_key(word);
    choices.iter().flatten().any(|c| word_key(c) == key)
}

/// A word as compared with a choice: folded, without a polite ending (「出席します」「はいです」)
/// or closing punctuation, and the circles and crosses keypads offer as one ○ and one ×.
fn word_key(word: &str) -> String {
    let folded = fold(word.trim());
    let mut key = folded.trim_end_matches(['。', '.', '!', '！', '?', '？']).to_string();
    for ending in ["でお願いします", "します", "です"] {
        if key.chars().count() > ending.chars().count() {
            if let Some(stem) = key.strip_suffix(ending) {
                key = stem.to_string();
                break;
            }
        }
    }
    match key.as_str() {
        "○" | "〇" | "◯" | "o" | "◎" | "まる" => "○".into(),
        "×" | "x" | "✕" | "✖" | "╳" | "ばつ" | "バツ" => "×".into(),
        "△" | "さんかく" => "△".into(),
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey(questions: &[&[&str]]) -> Vec<Vec<String>> {
        questions
            .iter()
            .map(|q| q.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn survey_replies_read_as_one_answer_per_question() {
        let three = survey(&[&["出席", "欠席"], &["○", "×"], &["はい", "いいえ", "未定"]]);
        let ok = |n: &[u32]| Ok(Choices(n.to_vec()));
        let cases: Vec<(&str, Result<Choices, Unreadable>)> = vec![
            ("1 2 1", ok(&[1, 2, 1])),
            ("１　２　１", ok(&[1, 2, 1])),
            ("1,2,1", ok(&[1, 2, 1])),
            ("1、2、3", ok(&[1, 2, 3])),
            ("121", ok(&[1, 2, 1])),
            ("１２３", ok(&[1, 2, 3])),
            ("出席 × はい", ok(&[1, 2, 1])),
            ("欠席　〇　未定", ok(&[2, 1, 3])),
            ("出席します ○ いいえ", ok(&[1, 1, 2])),
            ("1\n2\n1", ok(&[1, 2, 1])),
            ("1. 出席\n2. ×\n3. はい", ok(&[1, 2, 1])),
            ("1.2 2.1 3.3", ok(&[2, 1, 3])),
            ("3:はい 1:欠席 2:○", ok(&[2, 1, 1])),
            ("1 2 1\nよろしくお願いします", ok(&[1, 2, 1])),
            ("1 2 1\n\n> 1. 出席 / 欠席\n> 2. ○ / ×", ok(&[1, 2, 1])),
            ("1 2 1\n-----Original Message-----\n1. 出席 2. ×", ok(&[1, 2, 1])),
            ("2 2 2\n--\nはなママ\n090-1111-2222", ok(&[2, 2, 2])),
            (
                "1 1 1\n\n2026/12/03 10:00、nb-abc@hiroba.example.jp のメール:\n\n1 2 3",
                ok(&[1, 1, 1]),
            ),
            ("1 2\n", Err(Unreadable::Count { expected: 3, given: 2 })),
            ("1 2 1 2", Err(Unreadable::Count { expected: 3, given: 4 })),
            (
                "1 3 1",
                Err(Unreadable::OutOfRange {
                    question: 2,
                    number: 3,
                    choices: 2,
                }),
            ),
            (
                "0 1 1",
                Err(Unreadable::OutOfRange {
                    question: 1,
                    number: 0,
                    choices: 2,
                }),
            ),
            (
                "131",
                Err(Unreadable::OutOfRange {
                    question: 2,
                    number: 3,
                    choices: 2,
                }),
            ),
            (
                "出席 △ はい",
                Err(Unreadable::UnknownWord {
                    question: 2,
                    word: "△".into(),
                }),
            ),
            ("", Err(Unreadable::Empty)),
            ("> 1 2 1\n> 引用だけ", Err(Unreadable::Empty)),
            ("1 2\n1 3", Err(Unreadable::Count { expected: 3, given: 4 })),
            ("1. 出席\n3. はい", Err(Unreadable::Missing { question: 2 })),
        ];
        for (body, expected) in cases {
            assert_eq!(read_survey(body, &three), expected, "{body:?}");
        }
    }

    #[test]
    fn one_question_takes_its_word_or_number() {
        let one = survey(&[&["出席", "欠席"]]);
        assert_eq!(read_survey("出席", &one), Ok(Choices(vec![1])));
        assert_eq!(read_survey("欠席します。", &one), Ok(Choices(vec![2])));
        assert_eq!(read_survey("２", &one), Ok(Choices(vec![2])));
        assert_eq!(
            read_survey("出席 はい", &survey(&[&["出席", "欠席"], &["はい", "いいえ"]])),
            Ok(Choices(vec![1, 1]))
        );
        assert_eq!(
            read_survey("たぶん行きます", &one),
            Err(Unreadable::UnknownWord {
                question: 1,
                word: "たぶん行きます".into()
            })
        );
        // Ten choices or more: `12` is the twelfth choice's number, never 1 and 2.
        let many: Vec<String> = (1..=12).map(|n| format!("{n}番")).collect();
        let two_big = vec![many.clone(), many];
        assert_eq!(
            read_survey("12", &two_big),
            Err(Unreadable::Count { expected: 2, given: 1 })
        );
        assert_eq!(read_survey("12 3", &two_big), Ok(Choices(vec![12, 3])));
    }

    #[test]
    fn errors_say_which_question_was_wrong() {
        let e = Unreadable::OutOfRange {
            question: 2,
            number: 3,
            choices: 2,
        };
        assert_eq!(
            e.to_string(),
            "2問目の「3」は選択肢にありません（1〜2の番号で答えてください）。"
        );
        assert_eq!(e.question(), Some(2));
        assert!(Unreadable::Count { expected: 3, given: 2 }.to_string().contains("3問"));
    }

    #[test]
    fn form_choices_are_checked_and_stored_as_numbers() {
        assert_eq!(
            Choices::new(vec![1, 2], &[2, 3]).map(|c| c.stored()),
            Ok("1 2".to_string())
        );
        assert_eq!(
            Choices::new(vec![1, 4], &[2, 3]),
            Err(Unreadable::OutOfRange {
                question: 2,
                number: 4,
                choices: 3
            })
        );
        assert_eq!(Choices::from_stored("2 1 3").numbers(), &[2, 1, 3]);
        assert_eq!(Choices::from_stored("2 1 3").of(3), Some(3));
        assert_eq!(Choices::from_stored("2 1 3").of(4), None);
    }

    #[test]
    fn a_free_reply_is_her_text_without_the_quote() {
        let read = |s: &str| read_free_reply(s).map(|r| r.text);
        assert_eq!(
            read("了解しました。\n明日は休みます。\n> 遠足のお知らせ"),
            Ok("了解しました。\n明日は休みます。".into())
        );
        assert_eq!(read("はい\n-- \nはなママ"), Ok("はい".into()));
        assert_eq!(read("> 引用だけ"), Err(Unreadable::Empty));
        assert_eq!(read("   "), Err(Unreadable::Empty));
        let long = "あ".repeat(FREE_REPLY_MAX + 20);
        let cut = read_free_reply(&long).unwrap();
        assert!(cut.cut);
        assert_eq!(cut.text.chars().count(), FREE_REPLY_MAX);
    }
}
