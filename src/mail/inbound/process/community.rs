//! c<community id>-<token>@: a member starts a topic in a community by mail. Besides the checks of
//! every posting address, the community must be open and the member must have joined it. The mail's
//! photos become the topic's photos.

use super::poster::{self, Poster};
use super::JobError;
use crate::context::Context;
use crate::db::models::community::Community;
use crate::db::models::community_member::CommunityMember;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::{NewThread, Thread};
use crate::db::DbConnection;
use crate::domain::thread::{Channel, Place};
use crate::mail::inbound::decode::DecodedMail;
use diesel::Connection;
use hiroba_views::mail::community;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    community_id: i64,
    token: &str,
) -> Result<(), JobError> {
    let Some(Poster {
        member,
        sender,
        photos,
        mut notes,
        help_url,
    }) = poster::check(ctx, conn, mail, decoded, token)?
    else {
        return Ok(());
    };
    let base = &ctx.settings.base_url;
    let open = Community::find(conn, community_id)?.filter(Community::is_approved);
    let Some(found) = open else {
        let reason = "このコミュニティには投稿できません（承認前か、すでに終了しています）。";
        return poster::refuse(conn, mail, &sender, reason, &help_url, "community not open");
    };
    if CommunityMember::role_of(conn, community_id, member.id)?.is_none() {
        let reason = format!(
            "コミュニティ「{}」に参加していないため、投稿できませんでした。次のページで「参加する」を選んでから、もう一度送ってください。\n{base}/communities/{community_id}",
            found.name
        );
        return poster::refuse(conn, mail, &sender, &reason, &help_url, "not a member of the community");
    }
    let title = poster::title_of(decoded);
    let body = poster::body_of(decoded, &mut notes);
    let profile = ctx.profiles.mail_profile_of_address(&sender).id.clone();
    conn.transaction(|conn| {
        let topic_id = Thread::insert(
            conn,
            &NewThread {
                place: Place::Community(community_id),
                member_id: member.id,
                title: &title,
                body: &body,
                category: None,
                area_id: None,
                channel: Channel::Mail,
                inbound_mail_id: Some(mail.id),
                profile: &profile,
            },
        )?;
        PhotoInfo::insert_for_thread(conn, member.id, topic_id, &photos)?;
        Community::touch(conn, community_id)?;
        let url = format!("{base}/communities/{community_id}/topics/{topic_id}");
        let reply = community::topic_accepted(&found.name, title.as_str(), &url, &notes);
        OutboxMail::queue(conn, MailKind::PostAccepted, &sender, &reply.subject, &reply.body)?;
        InboundMail::finish(conn, mail.id, Disposition::Processed, &format!("topic {topic_id}"))?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
