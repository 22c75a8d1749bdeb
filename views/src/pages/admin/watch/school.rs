//! A coordinator's page for one school: times, readers (with the secrets devices are configured
//! with), children and their tags, staff and volunteers.

use crate::components::{alert, footer, form, hidden, label, link, select, subheading, submit, text_input};
use crate::ctx::{Ctx, InputKind};
use crate::layout::console_page;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct ReaderRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub health: String,
    /// The HMAC key, only right after it was issued or re-issued (to set the device up).
    pub secret: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ChildRow {
    pub id: i64,
    pub class: String,
    pub code: String,
    pub name: String,
    pub tag: Option<String>,
}

/// The school's times as the form shows them (HH:MM, and minutes).
#[derive(Debug, Clone, Default)]
pub struct TimesForm {
    pub arrival_until: String,
    pub late_after: String,
    pub hours_from: String,
    pub hours_until: String,
    pub offline_after_minutes: String,
}

#[derive(Debug, Clone)]
pub struct SchoolAdminView {
    pub id: i64,
    pub name: String,
    pub times: TimesForm,
    pub readers: Vec<ReaderRow>,
    pub children: Vec<ChildRow>,
    /// (member id, real name)
    pub staff: Vec<(i64, String)>,
    /// (id, name, address)
    pub contacts: Vec<(i64, String, String)>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn school_admin(ctx: &Ctx, view: &SchoolAdminView) -> String {
    let base = format!("/admin/watch/schools/{}", view.id);
    console_page(
        ctx,
        &format!("{}（見守りの設定）", view.name),
        html! {
            @if let Some(notice) = &view.notice { div { b { (notice) } } }
            @if let Some(error) = &view.error { (alert(ctx, error)) }
            div {
                (link(ctx, &format!("/watch/schools/{}", view.id), "見守りボード", None)) " "
                (link(ctx, "/admin/watch", "学校の一覧", None))
            }
            (subheading(ctx, "読み取り機"))
            (readers(ctx, &base, &view.readers))
            (subheading(ctx, "児童とタグ"))
            (children(ctx, &view.children))
            (subheading(ctx, "先生・スタッフ"))
            @for (id, name) in &view.staff {
                (form(ctx, &format!("{base}/staff/remove"), true, html! {
                    (name) " " (hidden("member", &id.to_string())) (submit("外す"))
                }))
            }
            (form(ctx, &format!("{base}/staff"), true, html! {
                (label("会員のメールアドレスで追加（先生・コーディネーター）"))
                (text_input(ctx, "email", "", InputKind::Latin, 30)) (submit("追加"))
            }))
            (subheading(ctx, "見守りボランティア（緊急ボタンのお知らせ先）"))
            @for (id, name, address) in &view.contacts {
                (form(ctx, &format!("{base}/contacts/remove"), true, html! {
                    (name) " " (address) " " (hidden("contact", &id.to_string())) (submit("外す"))
                }))
            }
            (form(ctx, &format!("{base}/contacts"), true, html! {
                (label("名前")) (text_input(ctx, "name", "", InputKind::Japanese, 20))
                (label("メールアドレス")) (text_input(ctx, "address", "", InputKind::Latin, 30))
                (submit("追加"))
            }))
            (subheading(ctx, "時刻の設定"))
            (times(ctx, &base, &view.times))
            (footer(ctx))
        },
    )
}

fn readers(ctx: &Ctx, base: &str, rows: &[ReaderRow]) -> Markup {
    let kinds = [
        ("gate".to_string(), "校門".to_string()),
        ("waypoint".to_string(), "経由地点".to_string()),
    ];
    html! {
        table {
            tr { th { "ID" } th { "名前" } th { "種類" } th { "状態" } th { "秘密鍵" } th {} }
            @for r in rows {
                tr {
                    td { (r.id) } td { (r.name) } td { (r.kind) } td { (r.health) }
                    td {
                        @match &r.secret {
                            Some(secret) => { code { (secret) } }
                            None => { "（表示しません）" }
                        }
                    }
                    td {
                        (form(ctx, &format!("{base}/readers/secret"), true, html! {
                            (hidden("reader", &r.id.to_string())) (submit("秘密鍵を再発行"))
                        }))
                    }
                }
            }
        }
        div { "秘密鍵は、追加や再発行のときに一度だけ表示します。再発行すると、読み取り機の設定を変えるまでその読み取り機の記録は届きません。" }
        (form(ctx, &format!("{base}/readers"), true, html! {
            (label("読み取り機を追加（名前と種類）"))
            (text_input(ctx, "name", "", InputKind::Japanese, 20)) " " (select("kind", &kinds, "gate"))
            (submit("追加"))
        }))
    }
}

fn children(ctx: &Ctx, rows: &[ChildRow]) -> Markup {
    html! {
        @if rows.is_empty() { div { "児童が登録されていません。" } }
        @else {
            table {
                tr { th { "学年・組" } th { "児童番号" } th { "名前" } th { "タグ" } th {} }
                @for c in rows {
                    tr {
                        td { (c.class) } td { (c.code) } td { (c.name) }
                        td { @if let Some(tag) = &c.tag { (tag) } @else { (alert(ctx, "なし")) } }
                        td {
                            (link(ctx, &format!("/admin/watch/children/{}", c.id), "タグ・お知らせ先", None)) " "
                            (link(ctx, &format!("/watch/children/{}", c.id), "記録", None))
                        }
                    }
                }
            }
        }
    }
}

fn times(ctx: &Ctx, base: &str, t: &TimesForm) -> Markup {
    let field = |name: &str, text: &str, value: &str| {
        html! { (label(text)) (text_input(ctx, name, value, InputKind::Number, 5)) }
    };
    html! {
        (form(ctx, &format!("{base}/times"), true, html! {
            (field("arrival_until", "この時刻より前の校門の通過は登校、後は下校（向きの分からない読み取り機）", &t.arrival_until))
            (field("late_after", "この時刻を過ぎて校門の記録がない児童をボードに「未登校」と表示", &t.late_after))
            (field("hours_from", "読み取り機の見張り：平日の開始時刻", &t.hours_from))
            (field("hours_until", "読み取り機の見張り：平日の終了時刻", &t.hours_until))
            (field("offline_after_minutes", "何分連絡がなければ「応答なし」として先生に知らせるか", &t.offline_after_minutes))
            (submit("保存"))
        }))
    }
}
