//! Hiding a row with a reason and restoring it, for the tables with the three hidden columns
//! (`hidden_at`, `hidden_reason`, `hidden_by`): threads and their comments. A macro, because diesel
//! code generic over tables costs more lines of bounds than the function it would share.

/// Writes `set_hidden` for a table of `crate::db::schema`.
macro_rules! set_hidden_fn {
    ($table:ident) => {
        /// Hides (with the reason and the coordinator) or restores a row; true when it changed (a
        /// second click, or two coordinators at once, change nothing).
        pub fn set_hidden(
            conn: &mut $crate::db::DbConnection,
            id: i64,
            hidden: Option<(&str, i64)>,
        ) -> diesel::QueryResult<bool> {
            use $crate::db::schema::$table;
            let target = $table::table.find(id);
            let changed = match hidden {
                Some((reason, by)) => diesel::update(target.filter($table::hidden_at.is_null()))
                    .set((
                        $table::hidden_at.eq(Some($crate::db::now())),
                        $table::hidden_reason.eq(Some(reason)),
                        $table::hidden_by.eq(Some(by)),
                    ))
                    .execute(conn)?,
                None => diesel::update(target.filter($table::hidden_at.is_not_null()))
                    .set((
                        $table::hidden_at.eq(None::<chrono::NaiveDateTime>),
                        $table::hidden_reason.eq(None::<String>),
                        $table::hidden_by.eq(None::<i64>),
                    ))
                    .execute(conn)?,
            };
            Ok(changed > 0)
        }
    };
}

pub(crate) use set_hidden_fn;
