//! `post-<token>@` and `c<community id>-<token>@`: a member starts a thread by mail in the place of
//! the address (a クチコミ, a community's topic). Besides the checks of every posting address
//! (`poster`), the place must take it from her (a community: open, and she has joined it). The
//! mail's photos become the thread's photos; the reply gives its URL.

use super::poster::{self, Poster};
use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::thread::NewThread;
use crate::db::{write_transaction, DbConnection};
use crate::domain::thread::{Channel, Place, Refusal};
use crate::mail::inbound::decode::DecodedMail;
use crate::threads::{self, Venue};
use hiroba_views::mail::{community, inbound, MailText};

/// Starts the thread and replies with its URL, or refuses the mail with the reason.
pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    place: Place,
    token: &str,
) -> Result<(), JobError> {
    let Some(Poster {
        member,
        sender,
        photos,
        mut notes,
        help_url,
    }) = poster::check(ctx, conn, mail, decoded, place, token)?
    else {
        return Ok(());
    };
    let base = &ctx.settings.base_url;
    // The intake took the address because its place existed; a place gone since refuses too.
    let venue = Venue::find(conn, place)?;
    let refusal = match &venue {
        Some(venue) => venue.refusal_for(conn, member.id)?,
        None => Some(Refusal::Closed),
    };
    if let Some(refusal) = refusal {
        let (reason, outcome) = refused(refusal, venue.as_ref(), base);
        return poster::refuse(
            &ctx.settings.service_name,
            conn,
            mail,
            &sender,
            &reason,
            &help_url,
            outcome,
        );
    }
    let title = poster::title_of(decoded);
    let body = poster::body_of(decoded, &mut notes);
    let profile = ctx.profiles.mail_profile_of_address(&sender).id.clone();
    write_transaction(conn, |conn| {
        let new = NewThread {
            place,
            member_id: member.id,
            title: &title,
            body: &body,
            // By mail there is no form to choose from: その他 and her own area, where the place
            // classifies its threads.
            category: None,
            area_id: member.area_id,
            channel: Channel::Mail,
            inbound_mail_id: Some(mail.id),
            profile: &profile,
        };
        let id = threads::start(conn, &new, &photos)?;
        let url = format!("{base}{}", place.thread_path(id));
        let MailText { subject, body } = match venue.as_ref().and_then(|v| v.community.as_ref()) {
            Some(c) => community::topic_accepted(&ctx.settings.service_name, &c.name, title.as_str(), &url, &notes),
            None => inbound::post_accepted(&ctx.settings.service_name, title.as_str(), &url, &notes),
        };
        OutboxMail::queue(conn, MailKind::PostAccepted, &sender, &subject, &body)?;
        InboundMail::finish(conn, mail.id, Disposition::Processed, &format!("thread {id}"))?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// The reply's sentence and the mail's outcome for a place that does not take the thread.
fn refused(refusal: Refusal, venue: Option<&Venue>, base: &str) -> (String, &'static str) {
    match (refusal, venue.and_then(|v| v.community.as_ref())) {
        (Refusal::NotJoined, Some(c)) => (
            format!(
                "コミュニティ「{}」に参加していないため、投稿できませんでした。次のページで「参加する」を選んでから、もう一度送ってください。\n{base}/communities/{}",
                c.name, c.id
            ),
            "not a member of the community",
        ),
        _ => (
            "このコミュニティには投稿できません（承認前か、すでに終了しています）。".into(),
            "community not open",
        ),
    }
}
