//! post-<token>@: a member posts by mail; the photos of the mail become the post's photos.

use super::poster::{self, Poster};
use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::{NewThread, Thread};
use crate::db::DbConnection;
use crate::domain::post::Category;
use crate::domain::thread::{Channel, Place};
use crate::mail::inbound::decode::DecodedMail;
use diesel::Connection;
use hiroba_views::mail::inbound;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    token: &str,
) -> Result<(), JobError> {
    let Some(Poster {
        member,
        sender,
        photos,
        mut notes,
        ..
    }) = poster::check(ctx, conn, mail, decoded, token)?
    else {
        return Ok(());
    };
    let title = poster::title_of(decoded);
    let body = poster::body_of(decoded, &mut notes);
    conn.transaction(|conn| {
        let post_id = Thread::insert(
            conn,
            &NewThread {
                place: Place::Portal,
                member_id: member.id,
                title: &title,
                body: &body,
                category: Some(Category::Other),
                area_id: member.area_id,
                channel: Channel::Mail,
                inbound_mail_id: Some(mail.id),
                profile: &ctx.profiles.mail_profile_of_address(&sender).id,
            },
        )?;
        PhotoInfo::insert_for_thread(conn, member.id, post_id, &photos)?;
        let url = format!("{}/posts/{post_id}", ctx.settings.base_url);
        let reply = inbound::post_accepted(title.as_str(), &url, &notes);
        OutboxMail::queue(conn, MailKind::PostAccepted, &sender, &reply.subject, &reply.body)?;
        InboundMail::finish(conn, mail.id, Disposition::Processed, &format!("post {post_id}"))?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
