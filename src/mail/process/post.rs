//! post-<token>@: a member posts by mail; the photos of the mail become the post's photos.

use super::JobError;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::photo::PhotoInfo;
use crate::db::models::post::{Channel, NewPost, Post};
use crate::db::{now, DbConnection};
use crate::domain::post::{Category, PostTitle};
use crate::domain::role::MemberStatus;
use crate::mail::decode::DecodedMail;
use crate::photo::{ingest_post_photos, Original, Upload};
use crate::state::AppState;
use diesel::Connection;
use hiroba_views::mail::{inbound, MailText};

/// Refusal replies per sender address and day: a forged sender must not become a mail cannon.
const REFUSALS_PER_DAY: i64 = 2;

pub fn handle(
    state: &AppState,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    token: &str,
) -> Result<(), JobError> {
    let help_url = format!("{}/help/mail", state.settings.base_url);
    let Some(member) = Member::by_posting_token(conn, token)? else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "posting address renewed since")?;
        return Ok(());
    };
    let Some(sender) = decoded.from.as_ref().map(|a| a.as_str().to_string()) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no sender address")?;
        return Ok(());
    };
    let known = MailAddress::find(conn, &sender)?.filter(|a| a.member_id == member.id && a.is_verified());
    if known.is_none() {
        let reason =
            "このアドレスからは投稿できません。マイページに登録して確認済みのメールアドレスから送ってください。";
        return refuse(
            conn,
            mail,
            &sender,
            reason,
            &help_url,
            "sender is not a verified address of the member",
        );
    }
    if member.status() != MemberStatus::Approved {
        let reason = "コーディネーターの承認前のため、まだ投稿できません。承認のお知らせをお待ちください。";
        return refuse(conn, mail, &sender, reason, &help_url, "member not approved");
    }
    let (photos, mut notes) = photos_of(decoded);
    if decoded.subject.trim().is_empty() && decoded.body.trim().is_empty() && photos.is_empty() {
        let reason = "件名も本文も写真もないメールでした。書き込みたい内容を本文に入れて送ってください。";
        return refuse(conn, mail, &sender, reason, &help_url, "empty mail");
    }
    notes.extend(
        decoded
            .broken
            .iter()
            .map(|name| format!("添付ファイル「{name}」は壊れていたため、載せていません。")),
    );
    let title = title_of(decoded);
    conn.transaction(|conn| {
        let post_id = Post::insert(
            conn,
            &NewPost {
                member_id: member.id,
                title: &title,
                body: decoded.body.trim_end(),
                category: Category::Other,
                area_id: member.area_id,
                channel: Channel::Mail,
                inbound_mail_id: Some(mail.id),
                profile: &state.profiles.mail_profile_of_address(&sender).id,
            },
        )?;
        PhotoInfo::insert_for_post(conn, member.id, post_id, &photos)?;
        let url = format!("{}/posts/{post_id}", state.settings.base_url);
        let reply = inbound::post_accepted(title.as_str(), &url, &notes);
        OutboxMail::queue(conn, MailKind::PostAccepted, &sender, &reply.subject, &reply.body)?;
        InboundMail::finish(conn, mail.id, Disposition::Processed, &format!("post {post_id}"))?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// Refuses the mail and says why to the sender, at most `REFUSALS_PER_DAY` times a day.
fn refuse(
    conn: &mut DbConnection,
    mail: &InboundMail,
    sender: &str,
    reason: &str,
    help_url: &str,
    outcome: &str,
) -> Result<(), JobError> {
    crate::db::write_transaction(conn, |conn| {
        let since = now() - chrono::Duration::days(1);
        if OutboxMail::count_since(conn, sender, Some(MailKind::PostRefused), since)? < REFUSALS_PER_DAY {
            let MailText { subject, body } = inbound::post_refused(reason, help_url);
            OutboxMail::queue(conn, MailKind::PostRefused, sender, &subject, &body)?;
        }
        InboundMail::finish(conn, mail.id, Disposition::Refused, outcome)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// The mail's photos through the same ingest as web uploads.
fn photos_of(decoded: &DecodedMail) -> (Vec<Original>, Vec<String>) {
    ingest_post_photos(decoded.photos.iter().map(|a| Upload {
        name: a.filename.as_deref(),
        bytes: &a.bytes,
    }))
}

/// The subject, else the first line of the body, shortened; keitai often send no subject.
fn title_of(decoded: &DecodedMail) -> PostTitle {
    let source = if decoded.subject.trim().is_empty() {
        decoded.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
    } else {
        decoded.subject.as_str()
    };
    PostTitle::shortened(source, "写真")
}
