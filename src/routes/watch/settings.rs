//! `/watch/children/{id}/settings/{recipient}`: a guardian's own pass-mail choices (quiet hours,
//! readers) for one of her recipient rows. Only rows whose address is one of her confirmed
//! addresses are hers; any other is NotFound.

use crate::db::models::mail_address::MailAddress;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::recipient::Recipient;
use crate::db::DbConnection;
use crate::domain::clock::{QuietHours, TimeOfDay};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::routes::watch::access::family_children;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::watch::settings::{
    alert_settings, reader_field, AlertSettingsView, ReaderChoice, ALL_READERS_FIELD, NO_TIME,
};

pub async fn form(visitor: Visitor, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::OwnAlerts, Action::Read)?.member_id;
    let (child_id, recipient_id) = path.into_inner();
    render(&visitor, member_id, child_id, recipient_id, Outcome::Shown).await
}

pub async fn save(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAlerts, Action::Update)?.member_id;
    let (child_id, recipient_id) = path.into_inner();
    let quiet = match QuietHours::parse(
        form.get("quiet_from").unwrap_or_default(),
        form.get("quiet_until").unwrap_or_default(),
    ) {
        Ok(quiet) => quiet,
        Err(e) => {
            return render(
                &visitor,
                member_id,
                child_id,
                recipient_id,
                Outcome::Refused(e.to_string()),
            )
            .await
        }
    };
    let checked = checked_readers(&form);
    let saved = visitor
        .db(move |conn| {
            let (child, recipient) = own_recipient(conn, member_id, child_id, recipient_id)?;
            let readers = match checked {
                None => None,
                Some(ids) => {
                    let school: Vec<i64> = Reader::of_school(conn, child.school_id)?.iter().map(|r| r.id).collect();
                    let ids: Vec<i64> = ids.into_iter().filter(|id| school.contains(id)).collect();
                    if ids.is_empty() {
                        return Ok(false);
                    }
                    Some(ids)
                }
            };
            Recipient::set_choices(conn, recipient.id, quiet.map(QuietHours::minutes), readers.as_deref())?;
            Ok(true)
        })
        .await?;
    let outcome = if saved {
        Outcome::Saved
    } else {
        Outcome::Refused("お知らせする場所を選んでください（どこでもよいときは「すべて」）。".into())
    };
    render(&visitor, member_id, child_id, recipient_id, outcome).await
}

/// None for 「すべて」, else the ids of the checked readers (not yet checked against the school).
fn checked_readers(form: &FormData) -> Option<Vec<i64>> {
    if form.get(ALL_READERS_FIELD).is_some() {
        return None;
    }
    let mut ids: Vec<i64> = form
        .fields
        .iter()
        .filter_map(|(name, _)| {
            let id = name.strip_prefix('r')?.parse::<i64>().ok()?;
            (reader_field(id) == *name).then_some(id)
        })
        .collect();
    ids.dedup();
    Some(ids)
}

/// The child and the recipient row, if the row is the child's and its address one of the
/// member's confirmed ones.
fn own_recipient(
    conn: &mut DbConnection,
    member_id: i64,
    child_id: i64,
    recipient_id: i64,
) -> Result<(Child, Recipient), AppError> {
    // The child must be her family's: an address of hers on another family's roster gives nothing.
    if !family_children(conn, member_id)?.iter().any(|c| c.id == child_id) {
        return Err(AppError::NotFound);
    }
    let addresses = MailAddress::verified_of_member(conn, member_id)?;
    let recipient = Recipient::find(conn, recipient_id)?
        .filter(|r| r.child_id == child_id && addresses.contains(&r.address))
        .ok_or(AppError::NotFound)?;
    let child = Child::find(conn, child_id)?.ok_or(AppError::NotFound)?;
    Ok((child, recipient))
}

enum Outcome {
    Shown,
    Saved,
    Refused(String),
}

async fn render(
    visitor: &Visitor,
    member_id: i64,
    child_id: i64,
    recipient_id: i64,
    outcome: Outcome,
) -> Result<HttpResponse, AppError> {
    let (child, recipient, readers, chosen) = visitor
        .db(move |conn| {
            let (child, recipient) = own_recipient(conn, member_id, child_id, recipient_id)?;
            let readers = Reader::of_school(conn, child.school_id)?;
            let chosen = Recipient::chosen_readers(conn, recipient.id)?;
            Ok((child, recipient, readers, chosen))
        })
        .await?;
    let quiet = QuietHours::stored(recipient.quiet_from, recipient.quiet_until);
    let (notice, error) = match outcome {
        Outcome::Shown => (None, None),
        Outcome::Saved => (Some("保存しました。".to_string()), None),
        Outcome::Refused(why) => (None, Some(why)),
    };
    let view = AlertSettingsView {
        child_id: child.id,
        recipient_id: recipient.id,
        child_name: child.short_name,
        recipient: format!("{} {}", recipient.label, recipient.address),
        times: time_choices_with(quiet),
        quiet_from: quiet.map_or(NO_TIME.to_string(), |q| q.from.to_string()),
        quiet_until: quiet.map_or(NO_TIME.to_string(), |q| q.until.to_string()),
        all_readers: recipient.all_readers,
        readers: readers
            .into_iter()
            .map(|r| ReaderChoice {
                chosen: chosen.contains(&r.id),
                id: r.id,
                name: r.name,
            })
            .collect(),
        notice,
        error,
    };
    Ok(ok(visitor, &alert_settings(&ctx(visitor), &view)))
}

/// The entries of a quiet-hours select: 「なし」 and every half hour.
pub fn time_choices() -> Vec<String> {
    std::iter::once(NO_TIME.to_string())
        .chain(TimeOfDay::half_hours().map(|t| t.to_string()))
        .collect()
}

/// The choices plus the stored quiet hours if they are off the half hour (a roster import may
/// set 21:15): a select without them would save 「なし」 when the guardian changes only the readers.
fn time_choices_with(quiet: Option<QuietHours>) -> Vec<String> {
    let mut times = time_choices();
    for t in quiet.iter().flat_map(|q| [q.from, q.until]) {
        let text = t.to_string();
        if !times.contains(&text) {
            times.push(text);
        }
    }
    // 「なし」 first, then HH:MM, which sort as text.
    times[1..].sort();
    times
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_quiet_hours_off_the_half_hour_stay_choosable() {
        let quiet = QuietHours::parse("21:15", "06:30").unwrap();
        let times = time_choices_with(quiet);
        assert_eq!(times.len(), 50);
        assert_eq!(times[0], NO_TIME);
        let at = times.iter().position(|t| t == "21:15").unwrap();
        assert_eq!((times[at - 1].as_str(), times[at + 1].as_str()), ("21:00", "21:30"));
        assert_eq!(time_choices_with(None).len(), 49);
    }

    #[test]
    fn all_wins_over_single_readers() {
        assert_eq!(checked_readers(&FormData::of(&[("all", "1"), ("r3", "1")])), None);
    }

    #[test]
    fn checked_readers_are_read_by_their_field_names() {
        let chosen = checked_readers(&FormData::of(&[
            ("csrf", "x"),
            ("r3", "1"),
            ("r12", "1"),
            ("rx", "1"),
            ("r+4", "1"),
            ("quiet_from", "なし"),
        ]));
        assert_eq!(chosen, Some(vec![3, 12]));
        assert_eq!(checked_readers(&FormData::of(&[])), Some(vec![]));
    }
}
