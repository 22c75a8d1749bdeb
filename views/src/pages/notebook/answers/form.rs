//! `/notebook/messages/{id}/answer` and `/notebook/r/{token}/answer`: a guardian answers a
//! message's survey with radio buttons, or writes a free reply; her current answer is shown.

use crate::components::{alert, footer, form, label, link, separator, subheading, submit, text_area};
use crate::ctx::Ctx;
use crate::layout::page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct AnswerFormView {
    /// Where the form posts (and this page is).
    pub action: String,
    /// The message's own page.
    pub back: String,
    pub title: String,
    /// 「12/10（木）17:00まで」
    pub deadline: Option<String>,
    /// The deadline has passed: no form.
    pub closed: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub body: AnswerBody,
}

#[derive(Debug, Clone)]
pub enum AnswerBody {
    Survey {
        questions: Vec<QuestionView>,
        /// How often she answered already (0: not yet).
        times: i32,
    },
    Text {
        /// What she typed (kept after an error).
        text: String,
        /// Her replies so far, oldest first.
        replies: Vec<ReplyView>,
    },
    /// The message asks for no answer.
    Nothing,
}

#[derive(Debug, Clone)]
pub struct QuestionView {
    pub position: i32,
    pub text: String,
    pub choices: Vec<String>,
    /// The choice checked: her answer, or what she picked before an error.
    pub chosen: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct ReplyView {
    /// 「12/03 10:15」
    pub at: String,
    pub body: String,
}

pub fn answer_form(ctx: &Ctx, view: &AnswerFormView) -> String {
    page(
        ctx,
        "回答",
        html! {
            @if let Some(notice) = &view.notice { (alert(ctx, notice)) }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div { "「" (view.title) "」" }
            @if let Some(deadline) = &view.deadline { div { "締め切り：" (deadline) } }
            @match &view.body {
                AnswerBody::Survey { questions, times } => {
                    @if *times > 0 && view.notice.is_none() { div { "回答済みです。答え直すと、最後の回答が残ります。" } }
                    @if view.closed {
                        (closed_note())
                        @for q in questions { (chosen_line(q)) }
                    } @else {
                        (form(ctx, &view.action, true, html! {
                            @for q in questions { (question(ctx, q)) }
                            (submit(if *times > 0 { "回答を変更する" } else { "回答する" }))
                        }))
                    }
                }
                AnswerBody::Text { text, replies } => {
                    @if !replies.is_empty() {
                        (subheading(ctx, "あなたの返信"))
                        @for r in replies { div { (r.at) " " (r.body) } }
                    }
                    @if view.closed {
                        (closed_note())
                    } @else {
                        (form(ctx, &view.action, true, html! {
                            (label("学校への返信（500文字まで）"))
                            (text_area(ctx, "text", text, 4))
                            br;
                            (submit("返信する"))
                        }))
                        div { "返信は先生だけが読みます。" }
                    }
                }
                AnswerBody::Nothing => { div { "このお知らせは返信を受け付けていません。" } }
            }
            (separator(ctx))
            div { (link(ctx, &view.back, "お知らせに戻る", Some(9))) }
            (footer(ctx))
        },
    )
}

fn closed_note() -> Markup {
    html! { div { "回答の締め切りを過ぎたため、受け付けていません。" } }
}

fn question(ctx: &Ctx, q: &QuestionView) -> Markup {
    html! {
        (subheading(ctx, &format!("{}. {}", q.position, q.text)))
        @for (i, choice) in q.choices.iter().enumerate() {
            @let value = i + 1;
            @let name = format!("q{}", q.position);
            div {
                @if q.chosen == u32::try_from(value).ok() {
                    input type="radio" name=(name) value=(value) checked="checked";
                } @else {
                    input type="radio" name=(name) value=(value);
                }
                (value) " " (choice)
            }
        }
    }
}

fn chosen_line(q: &QuestionView) -> Markup {
    let chosen = q
        .chosen
        .and_then(|n| q.choices.get((n as usize).saturating_sub(1)))
        .map(String::as_str)
        .unwrap_or("未回答");
    html! { div { (q.position) ". " (q.text) "：" (chosen) } }
}
