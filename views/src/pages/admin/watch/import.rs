//! Coordinators' roster upload (名簿の取り込み): the form, and what came of an upload.

use crate::components::{alert, footer, label, select, subheading, submit, upload_form};
use crate::ctx::Ctx;
use crate::layout::console_page;
use maud::html;

/// What the last upload did, if there was one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// e.g. 「児童の名簿を取り込みました：追加 58 件、更新 2 件」
    Done(String),
    /// Nothing was stored; one line per problem (「3 行目（学年）: …」).
    Refused {
        file: String,
        problems: Vec<String>,
    },
}

/// `kinds`: (value, label) of the roster kinds; `templates`: (label, header line) to copy.
pub fn roster_import(
    ctx: &Ctx,
    kinds: &[(String, String)],
    templates: &[(String, String)],
    outcome: &Outcome,
) -> String {
    console_page(
        ctx,
        "名簿の取り込み",
        html! {
            @match outcome {
                Outcome::None => {}
                Outcome::Done(text) => { div { (text) } }
                Outcome::Refused { file, problems } => {
                    (alert(ctx, &format!("{file} を取り込めませんでした。何も登録していません。次の行を直して、もう一度取り込んでください。")))
                    ul { @for p in problems { li { (p) } } }
                }
            }
            div { "Excel の名簿を「CSV（コンマ区切り）」か「CSV UTF-8」で保存して取り込みます。読み取り機、児童（タグつき）、保護者（メールアドレス）の順に取り込んでください。同じ児童番号の児童や同じ名前の読み取り機は、新しい内容で更新します。" }
            (upload_form(ctx, "/admin/watch/import", html! {
                (label("名簿の種類"))
                (select("kind", kinds, ""))
                br;
                (label("CSV ファイル"))
                input type="file" name="file" accept=".csv,text/csv";
                br;
                (submit("取り込む"))
            }))
            (subheading(ctx, "見出しの行（1 行目）"))
            @for (kind, header) in templates {
                div { (kind) "：" code { (header) } }
            }
            (footer(ctx))
        },
    )
}
