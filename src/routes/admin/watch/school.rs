//! `/admin/watch/schools/{id}`: one school's readers, children and tags, staff, volunteers and
//! times, for coordinators; and the form that sets the times.

use crate::db::models::watch::child::Child;
use crate::db::models::watch::emergency_contact::EmergencyContact;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::school::{School, SchoolTimes};
use crate::domain::clock::{clock, TimeOfDay};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::admin::feedback::Feedback;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::admin::watch::school::{school_admin, ChildRow, ReaderRow, SchoolAdminView, TimesForm};

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::WatchSetup, Action::Read)?;
    render(&visitor, id.into_inner(), Feedback::None).await
}

pub async fn times(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let Some(times) = parse_times(&form) else {
        let why = "時刻は「08:30」の形で、分は1〜1440の数で入力してください。見張りの開始は終了より前にしてください。";
        return render(&visitor, id, Feedback::refused(why)).await;
    };
    visitor
        .db(move |conn| {
            School::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok(School::update_times(conn, id, &times)?)
        })
        .await?;
    render(&visitor, id, Feedback::done("時刻の設定を保存しました。")).await
}

fn parse_times(form: &FormData) -> Option<SchoolTimes> {
    let time = |name: &str| form.get(name).and_then(TimeOfDay::parse).map(TimeOfDay::minutes);
    let times = SchoolTimes {
        arrival_until: time("arrival_until")?,
        late_after: time("late_after")?,
        hours_from: time("hours_from")?,
        hours_until: time("hours_until")?,
        offline_after_minutes: form
            .get("offline_after_minutes")?
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=24 * 60).contains(m))?,
    };
    (times.hours_from < times.hours_until).then_some(times)
}

/// The school's page, with what the last action said on top.
pub async fn render(visitor: &Visitor, id: i64, feedback: Feedback) -> Result<HttpResponse, AppError> {
    render_revealing(visitor, id, feedback, None).await
}

/// The school's page showing one reader's secret, `(reader id, secret)`: only right after it was
/// issued or re-issued, for setting up the device. Every other view shows no secret at all, so a
/// glance at a coordinator's screen (or a screenshot) gives no one a key.
pub async fn render_revealing(
    visitor: &Visitor,
    id: i64,
    feedback: Feedback,
    revealed: Option<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (school, readers, children, tags, staff, contacts) = visitor
        .db(move |conn| {
            let school = School::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok((
                school,
                Reader::of_school(conn, id)?,
                Child::of_school(conn, id)?,
                Child::current_tags_of_school(conn, id)?,
                School::staff_names(conn, id)?,
                EmergencyContact::of_school(conn, id)?,
            ))
        })
        .await?;
    let (notice, error) = feedback.split();
    let view = SchoolAdminView {
        id: school.id,
        times: TimesForm {
            arrival_until: clock(school.arrival_until),
            late_after: clock(school.late_after),
            hours_from: clock(school.hours_from),
            hours_until: clock(school.hours_until),
            offline_after_minutes: school.offline_after_minutes.to_string(),
        },
        name: school.name,
        readers: readers
            .into_iter()
            .map(|r| ReaderRow {
                id: r.id,
                kind: r.kind().label().to_string(),
                health: r.health().label().to_string(),
                name: r.name,
                secret: revealed
                    .as_ref()
                    .filter(|(reader, _)| *reader == r.id)
                    .map(|(_, secret)| secret.clone()),
            })
            .collect(),
        children: children
            .into_iter()
            .map(|c| ChildRow {
                id: c.id,
                class: format!("{}年{}", c.grade, c.class_name),
                tag: tags
                    .iter()
                    .find(|(child, _)| *child == c.id)
                    .map(|(_, tag)| tag.clone()),
                code: c.code,
                name: c.name,
            })
            .collect(),
        staff,
        contacts: contacts.into_iter().map(|c| (c.id, c.name, c.address)).collect(),
        notice,
        error,
    };
    Ok(ok(visitor, &school_admin(&ctx(visitor), &view)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_clock_times_and_minutes() {
        let fields = [
            ("arrival_until", "12:00"),
            ("late_after", "８：４５"),
            ("hours_from", "07:00"),
            ("hours_until", "18:00"),
            ("offline_after_minutes", "20"),
        ];
        let times = parse_times(&FormData::of(&fields)).unwrap();
        assert_eq!((times.late_after, times.offline_after_minutes), (8 * 60 + 45, 20));
        let mut backwards = fields;
        backwards[2] = ("hours_from", "19:00");
        assert_eq!(parse_times(&FormData::of(&backwards)), None);
        let mut zero = fields;
        zero[4] = ("offline_after_minutes", "0");
        assert_eq!(parse_times(&FormData::of(&zero)), None);
    }
}
