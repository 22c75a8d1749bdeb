//! `/admin/support/supporters/{id}`: one 提供会員's vetting — 講習, 面談, insurance, a note — and
//! pausing or resuming her. Every change is written to the support log in its transaction.

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::member::Member;
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::supporter::{Supporter, VettingRecord};
use crate::domain::policy::{Action, Resource};
use crate::domain::support::candidate::InsurancePeriod;
use crate::domain::time::{parse_day_text, today};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::admin::feedback::Feedback;
use crate::routes::admin::support::supporters::row;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use hiroba_views::pages::admin::support::supporters::{supporter_page, SupporterView, VettingForm};

/// Longest vetting note.
const NOTE_MAX: usize = 200;

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    render(&visitor, id.into_inner(), None, Feedback::None).await
}

pub async fn save_vetting(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Update)?
        .member_id;
    let id = id.into_inner();
    let typed = typed(&form);
    let record = match parse(&typed) {
        Ok(record) => record,
        Err(why) => return render(&visitor, id, Some(typed), Feedback::refused(why)).await,
    };
    let detail = describe(&record);
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let name = Member::find(conn, id)?.real_name;
                let vetting = VettingRecord {
                    course_completed_on: record.course,
                    interviewed_on: record.interview,
                    insurance: record.insurance,
                    note: &record.note,
                };
                if !Supporter::save_vetting(conn, id, &vetting)? {
                    return Err(AppError::NotFound);
                }
                let detail = format!("{name}さん（{id}）：{detail}");
                SupportLog::record(conn, None, Some(by), "審査情報を更新", &detail)?;
                Ok(())
            })
        })
        .await?;
    render(&visitor, id, None, Feedback::done("審査情報を保存しました。")).await
}

pub async fn set_active(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Update)?
        .member_id;
    let id = id.into_inner();
    let active = form.get("active") == Some("1");
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                if !Supporter::set_active(conn, id, active)? {
                    return Err(AppError::NotFound);
                }
                let name = Member::find(conn, id)?.real_name;
                let action = if active {
                    "提供会員を再開"
                } else {
                    "提供会員を休止"
                };
                SupportLog::record(conn, None, Some(by), action, &format!("{name}さん（{id}）"))?;
                Ok(())
            })
        })
        .await?;
    let done = if active {
        "再開しました。"
    } else {
        "休止にしました。"
    };
    render(&visitor, id, None, Feedback::done(done)).await
}

/// The vetting as read from the form.
struct Parsed {
    course: Option<NaiveDate>,
    interview: Option<NaiveDate>,
    insurance: Option<InsurancePeriod>,
    note: String,
}

fn typed(form: &FormData) -> VettingForm {
    let field = |name: &str| form.get(name).unwrap_or_default().trim().to_string();
    VettingForm {
        course: field("course"),
        interview: field("interview"),
        insurance_from: field("insurance_from"),
        insurance_until: field("insurance_until"),
        note: field("note"),
    }
}

/// An optional date field: empty is none, anything else must be a date.
fn optional_day(text: &str, what: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    parse_day_text(text)
        .map(Some)
        .ok_or_else(|| format!("{what}を「2026-01-10」のように入力してください。"))
}

fn parse(typed: &VettingForm) -> Result<Parsed, String> {
    let course = optional_day(&typed.course, "講習の修了日")?;
    let interview = optional_day(&typed.interview, "面談の日")?;
    let from = optional_day(&typed.insurance_from, "保険期間の始まり")?;
    let until = optional_day(&typed.insurance_until, "保険期間の終わり")?;
    let insurance = match (from, until) {
        (None, None) => None,
        (Some(from), Some(until)) => Some(InsurancePeriod::new(from, until).map_err(|e| e.to_string())?),
        _ => return Err("保険期間は、始まりと終わりの両方を入力してください。".into()),
    };
    if typed.note.chars().count() > NOTE_MAX {
        return Err(format!("メモは{NOTE_MAX}文字までにしてください。"));
    }
    Ok(Parsed {
        course,
        interview,
        insurance,
        note: typed.note.clone(),
    })
}

/// The log's detail: what the vetting now says.
fn describe(record: &Parsed) -> String {
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "なし".to_string(), |d| d.to_string());
    let insurance = record
        .insurance
        .map_or_else(|| "なし".to_string(), |p| format!("{}〜{}", p.from(), p.until()));
    let mut text = format!(
        "講習 {}、面談 {}、保険 {insurance}",
        day(record.course),
        day(record.interview)
    );
    if !record.note.is_empty() {
        text.push_str(&format!("、メモ「{}」", record.note));
    }
    text
}

/// Her page; `typed` keeps what was typed after a refusal.
async fn render(
    visitor: &Visitor,
    id: i64,
    typed: Option<VettingForm>,
    feedback: Feedback,
) -> Result<HttpResponse, AppError> {
    let (supporter, member, support, areas, area_names) = visitor
        .db(move |conn| {
            let supporter = Supporter::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok((
                supporter,
                Member::find(conn, id)?,
                SupportMember::find(conn, id)?,
                Supporter::areas(conn, id)?,
                Area::all(conn)?,
            ))
        })
        .await?;
    let form = typed.unwrap_or_else(|| {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        VettingForm {
            course: day(supporter.course_completed_on),
            interview: day(supporter.interviewed_on),
            insurance_from: day(supporter.insurance_from),
            insurance_until: day(supporter.insurance_until),
            note: supporter.vetting_note.clone(),
        }
    });
    let (notice, error) = feedback.split();
    let view = SupporterView {
        row: row(&supporter, &member.real_name, &areas, &area_names, today()),
        phone: support.map(|s| s.phone).unwrap_or_default(),
        form,
        notice,
        error,
    };
    Ok(ok(visitor, &supporter_page(&ctx(visitor), &view)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vetting_fields_are_read_with_japanese_refusals() {
        let form = |from: &str, until: &str| VettingForm {
            course: "2026-01-10".into(),
            interview: String::new(),
            insurance_from: from.into(),
            insurance_until: until.into(),
            note: String::new(),
        };
        let ok = parse(&form("2026-04-01", "2027-03-31")).unwrap();
        assert_eq!(describe(&ok), "講習 2026-01-10、面談 なし、保険 2026-04-01〜2027-03-31");
        assert_eq!(
            parse(&form("2027-04-01", "2026-03-31")).err().unwrap(),
            "保険期間の終わりが始まりより前です。"
        );
        assert!(parse(&form("2026-04-01", "")).is_err());
        assert!(parse(&VettingForm {
            course: "1月".into(),
            ..form("", "")
        })
        .is_err());
    }
}
