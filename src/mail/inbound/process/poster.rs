//! The checks every posting address makes before anything is posted — the token's member, a
//! sender that is not forged (`authenticity`), a verified sender address of hers, an approved member, something to post — and the refusal reply,
//! rate-limited so that a forged sender cannot turn us into a mail cannon. Every place's address
//! (`post-<token>@`, `c<id>-<token>@`) goes through them in `thread`.

use super::authenticity::forged;
use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::{now, DbConnection};
use crate::domain::post::{PostBody, PostTitle};
use crate::domain::role::MemberStatus;
use crate::domain::thread::Place;
use crate::mail::inbound::decode::DecodedMail;
use crate::photo::{ingest_post_photos, Original, Upload};
use hiroba_views::mail::{inbound, MailText};

/// Refusal replies per sender address and day.
const REFUSALS_PER_DAY: i64 = 2;

/// A mail that passed the checks: who posts, from which address, with which photos.
pub struct Poster {
    pub member: Member,
    /// The verified sender address (the reply goes there).
    pub sender: String,
    pub photos: Vec<Original>,
    /// Photos or attachments that could not be used, each a sentence for the reply.
    pub notes: Vec<String>,
    /// Where the reply points for help.
    pub help_url: String,
}

/// Runs the checks; `None` when the mail was refused (and finished) already.
pub fn check(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    place: Place,
    token: &str,
) -> Result<Option<Poster>, JobError> {
    let help_url = format!("{}/help/mail", ctx.settings.base_url);
    let Some(member) = crate::threads::address::poster_of(conn, place, token)? else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "posting address renewed since")?;
        return Ok(None);
    };
    let Some(sender) = decoded.from.as_ref().map(|a| a.as_str().to_string()) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no sender address")?;
        return Ok(None);
    };
    let authserv_id = ctx.settings.mail.authserv_id.as_deref();
    if let Some(why) = forged(&mail.raw, mail.envelope_sender.as_deref(), &sender, authserv_id) {
        // No reply: the From of a forged mail is the victim's address.
        InboundMail::finish(conn, mail.id, Disposition::Refused, &why)?;
        return Ok(None);
    }
    let known = MailAddress::find(conn, &sender)?.filter(|a| a.member_id == member.id && a.is_verified());
    if known.is_none() {
        let reason =
            "このアドレスからは投稿できません。マイページに登録して確認済みのメールアドレスから送ってください。";
        refuse(
            &ctx.settings.service_name,
            conn,
            mail,
            &sender,
            reason,
            &help_url,
            "sender is not a verified address of the member",
        )?;
        return Ok(None);
    }
    if member.status() != MemberStatus::Approved {
        let reason = "コーディネーターの承認前のため、まだ投稿できません。承認のお知らせをお待ちください。";
        refuse(
            &ctx.settings.service_name,
            conn,
            mail,
            &sender,
            reason,
            &help_url,
            "member not approved",
        )?;
        return Ok(None);
    }
    let (photos, mut notes) = photos_of(decoded);
    if decoded.subject.trim().is_empty() && decoded.body.trim().is_empty() && photos.is_empty() {
        let reason = "件名も本文も写真もないメールでした。書き込みたい内容を本文に入れて送ってください。";
        refuse(
            &ctx.settings.service_name,
            conn,
            mail,
            &sender,
            reason,
            &help_url,
            "empty mail",
        )?;
        return Ok(None);
    }
    notes.extend(
        decoded
            .broken
            .iter()
            .map(|name| format!("添付ファイル「{name}」は壊れていたため、載せていません。")),
    );
    Ok(Some(Poster {
        member,
        sender,
        photos,
        notes,
        help_url,
    }))
}

/// Refuses the mail and says why to the sender, at most `REFUSALS_PER_DAY` times a day.
pub fn refuse(
    service: &str,
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
            let MailText { subject, body } = inbound::post_refused(service, reason, help_url);
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

/// The mail's text cut to the length a web form takes, with a note for the reply when it was cut.
pub fn body_of(decoded: &DecodedMail, notes: &mut Vec<String>) -> String {
    let text = decoded.body.trim();
    let body: String = text.chars().take(PostBody::MAX).collect();
    if body.len() < text.len() {
        notes.push(format!(
            "本文は{}文字までのため、それより後は省略しました。",
            PostBody::MAX
        ));
    }
    body
}

/// The subject, else the first line of the body, shortened; keitai often send no subject.
pub fn title_of(decoded: &DecodedMail) -> PostTitle {
    let source = if decoded.subject.trim().is_empty() {
        decoded.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
    } else {
        decoded.subject.as_str()
    };
    PostTitle::shortened(source, "写真")
}
