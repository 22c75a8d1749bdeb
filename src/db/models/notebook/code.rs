//! Children's 申込コード (`notebook_child_codes`): one per child; re-issuing replaces it, so the
//! old letter's code stops working.

use crate::db::schema::{children, notebook_child_codes};
use crate::db::{now, DbConnection};
use crate::domain::notebook::join::JoinCode;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// How often a fresh code is drawn again when it hits one in use (31⁸ codes: practically never).
const DRAWS: usize = 5;

/// The child whose code this is.
pub fn child_of(conn: &mut DbConnection, code: &JoinCode) -> QueryResult<Option<i64>> {
    notebook_child_codes::table
        .filter(notebook_child_codes::code.eq(code.as_str()))
        .select(notebook_child_codes::child_id)
        .first(conn)
        .optional()
}

/// A child's code, if she has one.
pub fn of_child(conn: &mut DbConnection, child_id: i64) -> QueryResult<Option<JoinCode>> {
    let code: Option<String> = notebook_child_codes::table
        .find(child_id)
        .select(notebook_child_codes::code)
        .first(conn)
        .optional()?;
    Ok(code.and_then(|c| JoinCode::parse(&c)))
}

/// The codes of a school's children, as (child, code) pairs.
pub fn of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<(i64, JoinCode)>> {
    Ok(notebook_child_codes::table
        .inner_join(children::table)
        .filter(children::school_id.eq(school_id))
        .select((notebook_child_codes::child_id, notebook_child_codes::code))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .filter_map(|(child, code)| Some((child, JoinCode::parse(&code)?)))
        .collect())
}

/// Gives the child a new code, replacing her old one. Call inside a `write_transaction`.
pub fn issue(conn: &mut DbConnection, child_id: i64) -> QueryResult<JoinCode> {
    diesel::delete(notebook_child_codes::table.find(child_id)).execute(conn)?;
    let mut last = None;
    for _ in 0..DRAWS {
        let code = JoinCode::generate();
        if child_of(conn, &code)?.is_some() {
            continue;
        }
        let inserted = diesel::insert_into(notebook_child_codes::table)
            .values((
                notebook_child_codes::child_id.eq(child_id),
                notebook_child_codes::code.eq(code.as_str()),
                notebook_child_codes::issued_at.eq(now()),
            ))
            .execute(conn);
        match inserted {
            Ok(_) => return Ok(code),
            Err(e @ DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or(DieselError::RollbackTransaction))
}

/// Gives every child of the school without a code one; returns how many got one. Call inside a
/// `write_transaction`.
pub fn issue_missing(conn: &mut DbConnection, school_id: i64) -> QueryResult<usize> {
    let without: Vec<i64> = children::table
        .left_join(notebook_child_codes::table)
        .filter(children::school_id.eq(school_id))
        .filter(notebook_child_codes::child_id.is_null())
        .select(children::id)
        .load(conn)?;
    for child in &without {
        issue(conn, *child)?;
    }
    Ok(without.len())
}
