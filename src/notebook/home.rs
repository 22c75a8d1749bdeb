//! 伝言板 and the home board (ホーム端末): pairing, ただいま, messages to the child and her replies.
//!
//! A device pairs with the family's one-time code and gets a token of its own (only its SHA-256 is
//! stored); the web handlers (`routes::notebook::home`) and the demo seed call these functions.
//! Mails to the guardians are queued in the same transaction as the note that causes them.

use crate::db::models::login_limit::{self, Scope};
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::home::{HomeBoard, HomeNote, PairingCode};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::watch::child::Child;
use crate::db::{write_transaction, DbConnection};
use crate::domain::notebook::home::TADAIMA_WINDOW;
use crate::domain::time::jst;
use crate::domain::token::{random_token, token_hash};
use chrono::NaiveDateTime;
use diesel::QueryResult;
use hiroba_views::mail::notebook::home as mail;
use hiroba_views::mail::MailText;

/// The guardians' page of the board (the link in every mail).
pub const GUARDIAN_PAGE: &str = "/notebook/home";

/// What typing a pairing code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pairing {
    /// The device is the family's board now; `token` goes to the device (cookie or URL).
    Paired { token: String, board: HomeBoard },
    /// No valid code like that (wrong, used or expired): the failure was counted.
    WrongCode,
    /// Too many wrong codes from this address: refused without looking, until then.
    Locked(NaiveDateTime),
}

/// The rate limit's key for wrong codes typed from a client address (kept apart from logins').
fn limit_target(client: &str) -> String {
    format!("home-pairing:{client}")
}

/// A new one-time pairing code for the guardian's family, valid `minutes`; it replaces the old one.
pub fn issue_code(conn: &mut DbConnection, family_id: i64, member_id: i64, minutes: u32) -> QueryResult<PairingCode> {
    write_transaction(conn, |conn| PairingCode::issue(conn, family_id, member_id, minutes))
}

/// Pairs a device by a code (`domain::notebook::home::parse_code` read it) under `name`; wrong
/// codes from `client` (its network address) are counted and locked out like wrong passwords.
pub fn pair(conn: &mut DbConnection, client: &str, code: &str, name: &str) -> QueryResult<Pairing> {
    let target = limit_target(client);
    write_transaction(conn, |conn| {
        if let Some(until) = login_limit::locked_until(conn, Scope::Address, &target)? {
            return Ok(Pairing::Locked(until));
        }
        let Some(taken) = PairingCode::take(conn, code)? else {
            return Ok(match login_limit::record_failure(conn, Scope::Address, &target)? {
                Some(until) => Pairing::Locked(until),
                None => Pairing::WrongCode,
            });
        };
        let token = random_token();
        let id = HomeBoard::insert(conn, taken.family_id, &token_hash(&token), name, taken.created_by)?;
        let board = HomeBoard::of_family(conn, taken.family_id)?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or(diesel::result::Error::NotFound)?;
        Ok(Pairing::Paired { token, board })
    })
}

/// The paired board a device's token opens, if any; records that the board was seen.
pub fn board_of_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<HomeBoard>> {
    let Some(board) = HomeBoard::by_token_hash(conn, &token_hash(token))? else {
        return Ok(None);
    };
    HomeBoard::touch(conn, board.id)?;
    Ok(Some(board))
}

/// A guardian's message for the board: for one child of the family or (None) all. The text was
/// read by `domain::notebook::home::parse_message`.
pub fn leave_message(
    conn: &mut DbConnection,
    family_id: i64,
    member_id: i64,
    child_id: Option<i64>,
    text: &str,
) -> QueryResult<HomeNote> {
    HomeNote::message(conn, family_id, member_id, child_id, text)
}

/// What a press on the board did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pressed {
    /// Recorded; this many mails queued to the guardians.
    Sent { note: HomeNote, mails: usize },
    /// The same press a moment ago (ただいま within the window, or the same reply): nothing new.
    Repeated,
    /// The child or message is not this family's (a stale or forged form).
    NotFound,
}

/// The child pressed ただいま on the board: a note and one mail to every guardian, unless she
/// pressed it within `TADAIMA_WINDOW` already.
pub fn tadaima(conn: &mut DbConnection, base_url: &str, board: &HomeBoard, child_id: i64) -> QueryResult<Pressed> {
    write_transaction(conn, |conn| {
        let Some(child) = family_child(conn, board.family_id, child_id)? else {
            return Ok(Pressed::NotFound);
        };
        let Some(note) = HomeNote::tadaima(conn, board.family_id, child.id, TADAIMA_WINDOW)? else {
            return Ok(Pressed::Repeated);
        };
        let text = mail::tadaima(
            &child.short_name,
            &clock(note.created_at),
            &board.name,
            &format!("{base_url}{GUARDIAN_PAGE}"),
        );
        let mails = mail_guardians(conn, board.family_id, &text)?;
        Ok(Pressed::Sent { note, mails })
    })
}

/// The child answered a message on the board with one of the fixed replies
/// (`domain::notebook::home::REPLIES`): a note under the message and a mail to every guardian.
pub fn reply(
    conn: &mut DbConnection,
    base_url: &str,
    board: &HomeBoard,
    message_id: i64,
    child_id: i64,
    reply: &str,
) -> QueryResult<Pressed> {
    write_transaction(conn, |conn| {
        let Some(message) = HomeNote::find(conn, board.family_id, message_id)? else {
            return Ok(Pressed::NotFound);
        };
        if message.kind != crate::domain::notebook::HomeNoteKind::Message.key()
            || message.child_id.is_some_and(|c| c != child_id)
        {
            return Ok(Pressed::NotFound);
        }
        let Some(child) = family_child(conn, board.family_id, child_id)? else {
            return Ok(Pressed::NotFound);
        };
        let Some(note) = HomeNote::reply(conn, board.family_id, child.id, message.id, reply)? else {
            return Ok(Pressed::Repeated);
        };
        let text = mail::reply(
            &child.short_name,
            reply,
            &clock(note.created_at),
            &clock(message.created_at),
            &message.body,
            &format!("{base_url}{GUARDIAN_PAGE}"),
        );
        let mails = mail_guardians(conn, board.family_id, &text)?;
        Ok(Pressed::Sent { note, mails })
    })
}

/// Unpairs one of the family's boards; the device's next request shows the pairing form.
pub fn unpair(conn: &mut DbConnection, family_id: i64, board_id: i64) -> QueryResult<bool> {
    HomeBoard::unpair(conn, family_id, board_id)
}

/// 「15:42」 in Japan time.
pub fn clock(utc: NaiveDateTime) -> String {
    jst(utc).format("%H:%M").to_string()
}

fn family_child(conn: &mut DbConnection, family_id: i64, child_id: i64) -> QueryResult<Option<Child>> {
    Ok(Family::children(conn, family_id)?
        .into_iter()
        .find(|c| c.id == child_id))
}

/// Queues `text` once to each guardian of the family who has an address that takes mail.
fn mail_guardians(conn: &mut DbConnection, family_id: i64, text: &MailText) -> QueryResult<usize> {
    let addresses = Family::guardian_addresses(conn, family_id)?;
    for address in &addresses {
        OutboxMail::queue(conn, MailKind::HomeBoard, address, &text.subject, &text.body)?;
    }
    Ok(addresses.len())
}
