//! `/notebook/schools/{school}/messages/{id}/answers`: a message's answers for the school's staff:
//! each question's count per choice (a bar of text, fine on keitai), answered of all and per
//! class, then every recipient's answer (or the free replies), paged to the phone.

use crate::components::{footer, link, pager, separator, subheading, ListPage};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct TallyView {
    /// This page (the pager's base).
    pub path: String,
    /// The receipts page of the message.
    pub back: String,
    pub csv: String,
    pub title: String,
    pub deadline: Option<String>,
    /// A survey (else free replies).
    pub survey: bool,
    pub answered: usize,
    pub total: usize,
    pub questions: Vec<QuestionTally>,
    pub classes: Vec<ClassTally>,
}

#[derive(Debug, Clone)]
pub struct QuestionTally {
    pub position: i32,
    pub text: String,
    /// Each choice with how many chose it.
    pub counts: Vec<(String, usize)>,
}

#[derive(Debug, Clone)]
pub struct ClassTally {
    /// 「2年1組」
    pub label: String,
    pub answered: usize,
    pub total: usize,
    /// 「1.参加3/不参加1 2.○4/×0」 (empty for free replies).
    pub counts: String,
}

/// One recipient's line: 「2年1組 山田ゆうた（山田花子）」 and her answer.
#[derive(Debug, Clone)]
pub struct AnswerLine {
    pub children: String,
    pub guardian: String,
    /// 「1.出席 2.○」; None: not answered.
    pub answer: Option<String>,
    /// 「12/03 10:15 メール」, 「（2回目）」 when changed.
    pub when: String,
}

/// A free reply with who wrote it.
#[derive(Debug, Clone)]
pub struct ReplyLine {
    pub children: String,
    pub guardian: String,
    pub at: String,
    pub body: String,
}

/// The longest bar, in squares.
const BAR: usize = 10;

pub fn answer_line(line: &AnswerLine) -> Markup {
    html! {
        div {
            (line.children) "（" (line.guardian) "）" br;
            @match &line.answer {
                Some(answer) => { "　" (answer) " " (line.when) }
                None => { "　未回答" }
            }
        }
    }
}

pub fn reply_line(line: &ReplyLine) -> Markup {
    html! {
        div {
            (line.children) "（" (line.guardian) "）" (line.at) br;
            "　" (line.body)
        }
    }
}

pub fn tally(ctx: &Ctx, view: &TallyView, list: &ListPage<'_>) -> String {
    page(
        ctx,
        "回答の集計",
        html! {
            div { "「" (view.title) "」" }
            @if let Some(deadline) = &view.deadline { div { "締め切り：" (deadline) } }
            div { "回答 " (view.answered) "/" (view.total) "人" }
            @for q in &view.questions {
                (subheading(ctx, &format!("{}. {}", q.position, q.text)))
                @let most = q.counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
                @for (choice, n) in &q.counts {
                    div { (choice) " " (bar(*n, most)) " " (n) }
                }
            }
            @if !view.classes.is_empty() {
                (subheading(ctx, "クラス別"))
                @for c in &view.classes {
                    div {
                        (c.label) " " (c.answered) "/" (c.total)
                        @if !c.counts.is_empty() { br; "　" (c.counts) }
                    }
                }
            }
            (subheading(ctx, if view.survey { "回答一覧" } else { "返信" }))
            @if list.items.is_empty() { div { "まだありません。" } }
            @for item in list.items { (item) }
            (pager(ctx, &view.path, list.page, list.pages))
            (separator(ctx))
            div { (link(ctx, &view.csv, "CSVでダウンロード", None)) }
            div { (link(ctx, &view.back, "既読の状況に戻る", Some(9))) }
            (footer(ctx))
        },
    )
}

/// 「■■■■」: `n` of the most chosen `most`, rounded, at most `BAR` squares, one at least for any vote.
fn bar(n: usize, most: usize) -> String {
    if n == 0 || most == 0 {
        return String::new();
    }
    "■".repeat(((n * BAR + most / 2) / most).clamp(1, BAR))
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_are_scaled_to_the_most_chosen() {
        assert_eq!(bar(0, 5), "");
        assert_eq!(bar(5, 5), "■".repeat(10));
        assert_eq!(bar(1, 30), "■");
        assert_eq!(bar(3, 6), "■".repeat(5));
        assert_eq!(bar(12, 13), "■".repeat(9));
    }
}
