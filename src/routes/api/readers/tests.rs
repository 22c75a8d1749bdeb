//! The reader API's transaction: what a 200 stands on.

use super::{in_transaction, Signed};
use crate::config::DatabaseUrl;
use crate::db::models::watch::reader::{Reader, ReaderKind};
use crate::db::models::watch::school::School;
use crate::db::{self, DbConnection};
use diesel::sql_types::BigInt;
use diesel::{QueryableByName, RunQueryDsl};

#[derive(QueryableByName)]
struct Synchronous {
    #[diesel(sql_type = BigInt)]
    synchronous: i64,
}

/// SQLite's `PRAGMA synchronous`: 1 NORMAL, 2 FULL.
fn synchronous(conn: &mut DbConnection) -> i64 {
    diesel::sql_query("PRAGMA synchronous")
        .get_result::<Synchronous>(conn)
        .map(|row| row.synchronous)
        .unwrap_or(-1)
}

#[test]
fn a_batch_commits_with_full_sync_and_leaves_the_connection_as_it_was() {
    let dir = std::env::temp_dir().join(format!("hiroba-readers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut conn = db::connect_one(&DatabaseUrl::Sqlite(dir.join("hiroba.db"))).unwrap();
    db::migrate_one(&mut conn).unwrap();
    let school = School::ensure(&mut conn, "柏第一小学校").unwrap();
    let id = Reader::create(&mut conn, school.id, "正門", ReaderKind::Gate, &"a".repeat(64)).unwrap();
    let signed = Signed {
        reader: Reader::find(&mut conn, id).unwrap().unwrap(),
        signature: "0".repeat(64),
        body: Vec::new(),
    };
    assert_eq!(synchronous(&mut conn), 1, "the pool's setting");
    let during = in_transaction(&mut conn, &signed, |conn, _| Ok(synchronous(conn))).unwrap();
    assert_eq!(during, 2, "the batch's commit waits for the disk");
    assert_eq!(synchronous(&mut conn), 1, "put back for the connection's next user");
    let _ = std::fs::remove_dir_all(&dir);
}
