//! `/notebook/schools/{school}/messages/new`: kind, title, text, audience, schedule, what it asks
//! back (up to five questions) and files. PC first; a keitai can send text messages with it too.

use crate::components::{
    alert, checkbox, footer, hidden, label, link, select, subheading, submit, text_area, text_input, upload_form,
};
use crate::ctx::{Ctx, InputKind};
use crate::layout::page;
use maud::html;

/// The form's values as typed (kept when the form comes back with its mistakes).
#[derive(Debug, Clone, Default)]
pub struct ComposeValues {
    pub kind: String,
    pub title: String,
    pub body: String,
    pub audience: String,
    pub grades: Vec<String>,
    pub classes: Vec<String>,
    pub child: String,
    pub send_date: String,
    pub send_time: String,
    pub answers: String,
    /// Five (question, choices) pairs.
    pub questions: Vec<(String, String)>,
    pub until_date: String,
    pub until_time: String,
    pub pdf_text: String,
}

#[derive(Debug, Clone)]
pub struct ComposeView {
    pub school_id: i64,
    pub school_name: String,
    pub errors: Vec<String>,
    pub values: ComposeValues,
    /// The school's grades on the roster.
    pub grades: Vec<i32>,
    /// (checkbox value, 「2年1組」).
    pub classes: Vec<(String, String)>,
    /// (child id, 「2年1組 ゆうた」) of children whose family has joined.
    pub children: Vec<(String, String)>,
    /// The largest file, in KB.
    pub max_kb: u32,
}

pub fn compose_page(ctx: &Ctx, view: &ComposeView) -> String {
    let v = &view.values;
    let action = format!("/notebook/schools/{}/messages/new", view.school_id);
    let kinds = [
        ("letter".to_string(), "お便り".to_string()),
        ("notice".to_string(), "連絡".to_string()),
    ];
    let audiences = [
        ("school".to_string(), "学校全体".to_string()),
        ("grades".to_string(), "学年（下で選ぶ）".to_string()),
        ("classes".to_string(), "クラス（下で選ぶ）".to_string()),
        ("family".to_string(), "ひとつの家庭（児童を選ぶ）".to_string()),
    ];
    let answers = [
        ("none".to_string(), "返信なし".to_string()),
        ("text".to_string(), "自由記入の返信".to_string()),
        ("survey".to_string(), "アンケート（下の質問）".to_string()),
    ];
    let mut children = vec![(String::new(), "（選ぶ）".to_string())];
    children.extend(view.children.iter().cloned());
    page(
        ctx,
        "連絡帳 新しいお知らせ",
        html! {
            div { (view.school_name) }
            @for e in &view.errors { (alert(ctx, e)) }
            (upload_form(ctx, &action, html! {
                (label("種類")) (select("kind", &kinds, &v.kind))
                (label("タイトル")) (text_input(ctx, "title", &v.title, InputKind::Japanese, 24))
                (label("本文")) (text_area(ctx, "body", &v.body, 6))
                (subheading(ctx, "送り先"))
                (select("audience", &audiences, &v.audience))
                @if !view.grades.is_empty() { (label("学年")) }
                @for g in &view.grades {
                    (checkbox("grade", &g.to_string(), &format!("{g}年"), v.grades.contains(&g.to_string())))
                }
                @if !view.classes.is_empty() { (label("クラス")) }
                @for (key, name) in &view.classes {
                    (checkbox("class", key, name, v.classes.contains(key)))
                }
                (label("家庭（児童）")) (select("child", &children, &v.child))
                (subheading(ctx, "送信日時（空欄ならすぐ）"))
                (text_input(ctx, "send_date", &v.send_date, InputKind::Number, 10)) " "
                (text_input(ctx, "send_time", &v.send_time, InputKind::Number, 5))
                div { "例：2026-12-10 07:30" }
                (subheading(ctx, "返信・アンケート"))
                (select("answers", &answers, &v.answers))
                @for n in 0..5 {
                    @let (q, c) = v.questions.get(n).cloned().unwrap_or_default();
                    (label(&format!("質問{}", n + 1)))
                    (text_input(ctx, &format!("q{}", n + 1), &q, InputKind::Japanese, 24))
                    (label("選択肢（1行にひとつ、または「出席／欠席」）"))
                    (text_area(ctx, &format!("c{}", n + 1), &c, 2))
                }
                (label("回答の締切（空欄なら締切なし）"))
                (text_input(ctx, "until_date", &v.until_date, InputKind::Number, 10)) " "
                (text_input(ctx, "until_time", &v.until_time, InputKind::Number, 5))
                (subheading(ctx, "添付"))
                div { "画像（JPEG・PNG・GIF）かPDF、1つ" (view.max_kb) "KBまで" }
                input type="file" name="file";
                br;
                input type="file" name="file";
                br;
                input type="file" name="file";
                (label("PDFの内容（携帯電話ではこの文が表示されます）"))
                (text_area(ctx, "pdf_text", &v.pdf_text, 3))
                (hidden("school", &view.school_id.to_string()))
                div { (submit("送信する")) }
            }))
            div { (link(ctx, &format!("/notebook/schools/{}/messages", view.school_id), "送ったお知らせ", Some(9))) }
            (footer(ctx))
        },
    )
}
