//! Home boards, pairing codes and the board's notes (`home_boards`, `home_pairing_codes`, `home_notes`,
//! `home_tadaima`).

use crate::db::schema::{home_boards, home_notes, home_pairing_codes, home_tadaima};
use crate::db::{now, DbConnection};
use crate::domain::notebook::home::new_code;
use crate::domain::notebook::HomeNoteKind;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// A device paired to a family (an unpaired one is no longer a board).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = home_boards)]
pub struct HomeBoard {
    pub id: i64,
    pub family_id: i64,
    pub name: String,
    pub paired_at: NaiveDateTime,
    pub last_seen_at: Option<NaiveDateTime>,
}

/// A board's last visit is written at most this often (it reloads every minute).
const SEEN_EVERY: Duration = Duration::minutes(1);

impl HomeBoard {
    /// Stores a paired device by the hash of its token.
    pub fn insert(
        conn: &mut DbConnection,
        family_id: i64,
        token_hash: &str,
        name: &str,
        paired_by: Option<i64>,
    ) -> QueryResult<i64> {
        diesel::insert_into(home_boards::table)
            .values((
                home_boards::family_id.eq(family_id),
                home_boards::token_hash.eq(token_hash),
                home_boards::name.eq(name),
                home_boards::paired_by.eq(paired_by),
                home_boards::paired_at.eq(now()),
            ))
            .returning(home_boards::id)
            .get_result(conn)
    }

    /// The paired board whose token has this hash; `None` for an unknown or unpaired one.
    pub fn by_token_hash(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<HomeBoard>> {
        home_boards::table
            .filter(home_boards::token_hash.eq(token_hash))
            .filter(home_boards::unpaired_at.is_null())
            .select(HomeBoard::as_select())
            .first(conn)
            .optional()
    }

    /// The family's paired boards, oldest first.
    pub fn of_family(conn: &mut DbConnection, family_id: i64) -> QueryResult<Vec<HomeBoard>> {
        home_boards::table
            .filter(home_boards::family_id.eq(family_id))
            .filter(home_boards::unpaired_at.is_null())
            .order((home_boards::paired_at, home_boards::id))
            .select(HomeBoard::as_select())
            .load(conn)
    }

    /// Unpairs one of the family's boards (one conditional UPDATE); false when it is not the
    /// family's or was unpaired already.
    pub fn unpair(conn: &mut DbConnection, family_id: i64, id: i64) -> QueryResult<bool> {
        let changed = diesel::update(
            home_boards::table
                .find(id)
                .filter(home_boards::family_id.eq(family_id))
                .filter(home_boards::unpaired_at.is_null()),
        )
        .set(home_boards::unpaired_at.eq(now()))
        .execute(conn)?;
        Ok(changed == 1)
    }

    /// Records that the board was seen (at most once a minute).
    pub fn touch(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
        let at = now();
        diesel::update(
            home_boards::table.find(id).filter(
                home_boards::last_seen_at
                    .is_null()
                    .or(home_boards::last_seen_at.le(at - SEEN_EVERY)),
            ),
        )
        .set(home_boards::last_seen_at.eq(at))
        .execute(conn)
        .map(drop)
    }
}

/// A family's one-time pairing code.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = home_pairing_codes)]
pub struct PairingCode {
    pub family_id: i64,
    pub code: String,
    pub created_by: Option<i64>,
    pub expires_at: NaiveDateTime,
}

impl PairingCode {
    /// The family's code if it is still valid.
    pub fn current(conn: &mut DbConnection, family_id: i64) -> QueryResult<Option<PairingCode>> {
        home_pairing_codes::table
            .find(family_id)
            .filter(home_pairing_codes::expires_at.gt(now()))
            .select(PairingCode::as_select())
            .first(conn)
            .optional()
    }

    /// A new code for the family, valid for `minutes`; it replaces the family's old one. Call
    /// inside a `write_transaction`.
    pub fn issue(conn: &mut DbConnection, family_id: i64, member_id: i64, minutes: u32) -> QueryResult<PairingCode> {
        let at = now();
        diesel::delete(
            home_pairing_codes::table.filter(
                home_pairing_codes::family_id
                    .eq(family_id)
                    .or(home_pairing_codes::expires_at.le(at)),
            ),
        )
        .execute(conn)?;
        let expires_at = at + Duration::minutes(i64::from(minutes));
        let mut tries = 0;
        loop {
            let code = new_code();
            // A savepoint: a code another family holds just now is drawn again.
            let stored = conn.transaction(|conn| {
                diesel::insert_into(home_pairing_codes::table)
                    .values((
                        home_pairing_codes::family_id.eq(family_id),
                        home_pairing_codes::code.eq(&code),
                        home_pairing_codes::created_by.eq(member_id),
                        home_pairing_codes::expires_at.eq(expires_at),
                    ))
                    .execute(conn)
            });
            match stored {
                Ok(_) => {
                    return Ok(PairingCode {
                        family_id,
                        code,
                        created_by: Some(member_id),
                        expires_at,
                    })
                }
                Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) if tries < 8 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Uses a valid code up: the one DELETE that removes it decides, so of two devices typing the
    /// same code at once only one gets it. Call inside a `write_transaction`.
    pub fn take(conn: &mut DbConnection, code: &str) -> QueryResult<Option<PairingCode>> {
        let found: Option<PairingCode> = home_pairing_codes::table
            .filter(home_pairing_codes::code.eq(code))
            .filter(home_pairing_codes::expires_at.gt(now()))
            .select(PairingCode::as_select())
            .first(conn)
            .optional()?;
        let Some(found) = found else {
            return Ok(None);
        };
        let deleted = diesel::delete(
            home_pairing_codes::table
                .find(found.family_id)
                .filter(home_pairing_codes::code.eq(code)),
        )
        .execute(conn)?;
        Ok((deleted == 1).then_some(found))
    }
}

/// A line of the board: a guardian's message, a child's reply, a ただいま.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = home_notes)]
pub struct HomeNote {
    pub id: i64,
    pub family_id: i64,
    pub kind: String,
    pub member_id: Option<i64>,
    /// A message: the child it is for (None: all the family's children); a reply or ただいま: who.
    pub child_id: Option<i64>,
    pub body: String,
    pub created_at: NaiveDateTime,
    /// A reply: the message it answers.
    pub reply_to: Option<i64>,
}

impl HomeNote {
    pub fn kind(&self) -> Option<HomeNoteKind> {
        HomeNoteKind::parse(&self.kind)
    }

    fn insert(
        conn: &mut DbConnection,
        family_id: i64,
        kind: HomeNoteKind,
        member_id: Option<i64>,
        child_id: Option<i64>,
        body: &str,
        reply_to: Option<i64>,
    ) -> QueryResult<HomeNote> {
        let created_at = now();
        let id = diesel::insert_into(home_notes::table)
            .values((
                home_notes::family_id.eq(family_id),
                home_notes::kind.eq(kind.key()),
                home_notes::member_id.eq(member_id),
                home_notes::child_id.eq(child_id),
                home_notes::body.eq(body),
                home_notes::created_at.eq(created_at),
                home_notes::reply_to.eq(reply_to),
            ))
            .returning(home_notes::id)
            .get_result(conn)?;
        Ok(HomeNote {
            id,
            family_id,
            kind: kind.key().to_string(),
            member_id,
            child_id,
            body: body.to_string(),
            created_at,
            reply_to,
        })
    }

    /// A guardian's message for one child or (None) all of them.
    pub fn message(
        conn: &mut DbConnection,
        family_id: i64,
        member_id: i64,
        child_id: Option<i64>,
        body: &str,
    ) -> QueryResult<HomeNote> {
        HomeNote::insert(
            conn,
            family_id,
            HomeNoteKind::Message,
            Some(member_id),
            child_id,
            body,
            None,
        )
    }

    /// A child's reply to a message; `None` when she gave this reply to it before (a unique index
    /// decides, so a double press stores and mails one). Call inside a `write_transaction`.
    pub fn reply(
        conn: &mut DbConnection,
        family_id: i64,
        child_id: i64,
        message_id: i64,
        body: &str,
    ) -> QueryResult<Option<HomeNote>> {
        let stored = conn.transaction(|conn| {
            HomeNote::insert(
                conn,
                family_id,
                HomeNoteKind::Reply,
                None,
                Some(child_id),
                body,
                Some(message_id),
            )
        });
        match stored {
            Ok(note) => Ok(Some(note)),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Records a ただいま if the child's last one is older than `window`; `None` for a repeat press.
    /// One conditional UPDATE (or, for a child's first, the primary key) decides, so two presses at
    /// once record one. Call inside a `write_transaction`.
    pub fn tadaima(
        conn: &mut DbConnection,
        family_id: i64,
        child_id: i64,
        window: Duration,
    ) -> QueryResult<Option<HomeNote>> {
        let at = now();
        let renewed = diesel::update(
            home_tadaima::table
                .find(child_id)
                .filter(home_tadaima::last_at.le(at - window)),
        )
        .set(home_tadaima::last_at.eq(at))
        .execute(conn)?;
        if renewed == 0 {
            let first = conn.transaction(|conn| {
                diesel::insert_into(home_tadaima::table)
                    .values((home_tadaima::child_id.eq(child_id), home_tadaima::last_at.eq(at)))
                    .execute(conn)
            });
            match first {
                Ok(_) => {}
                Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        HomeNote::insert(
            conn,
            family_id,
            HomeNoteKind::Tadaima,
            None,
            Some(child_id),
            HomeNoteKind::Tadaima.label(),
            None,
        )
        .map(Some)
    }

    /// One of the family's notes.
    pub fn find(conn: &mut DbConnection, family_id: i64, id: i64) -> QueryResult<Option<HomeNote>> {
        home_notes::table
            .find(id)
            .filter(home_notes::family_id.eq(family_id))
            .select(HomeNote::as_select())
            .first(conn)
            .optional()
    }

    /// The family's notes, newest first.
    pub fn recent(conn: &mut DbConnection, family_id: i64, limit: i64) -> QueryResult<Vec<HomeNote>> {
        home_notes::table
            .filter(home_notes::family_id.eq(family_id))
            .order((home_notes::created_at.desc(), home_notes::id.desc()))
            .limit(limit)
            .select(HomeNote::as_select())
            .load(conn)
    }

    /// The guardians' messages since `since`, newest first.
    pub fn messages_since(
        conn: &mut DbConnection,
        family_id: i64,
        since: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<HomeNote>> {
        home_notes::table
            .filter(home_notes::family_id.eq(family_id))
            .filter(home_notes::kind.eq(HomeNoteKind::Message.key()))
            .filter(home_notes::created_at.ge(since))
            .order((home_notes::created_at.desc(), home_notes::id.desc()))
            .limit(limit)
            .select(HomeNote::as_select())
            .load(conn)
    }

    /// The replies to these messages, oldest first.
    pub fn replies_to(conn: &mut DbConnection, message_ids: &[i64]) -> QueryResult<Vec<HomeNote>> {
        home_notes::table
            .filter(home_notes::reply_to.eq_any(message_ids))
            .order((home_notes::created_at, home_notes::id))
            .select(HomeNote::as_select())
            .load(conn)
    }

    /// The family's ただいま since `since`, newest first.
    pub fn tadaima_since(conn: &mut DbConnection, family_id: i64, since: NaiveDateTime) -> QueryResult<Vec<HomeNote>> {
        home_notes::table
            .filter(home_notes::family_id.eq(family_id))
            .filter(home_notes::kind.eq(HomeNoteKind::Tadaima.key()))
            .filter(home_notes::created_at.ge(since))
            .order((home_notes::created_at.desc(), home_notes::id.desc()))
            .select(HomeNote::as_select())
            .load(conn)
    }
}
