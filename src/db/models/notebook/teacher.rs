//! The classes a teacher has at her school (she is also in `school_staff`).

use crate::db::schema::notebook_teacher_classes;
use crate::db::DbConnection;
use diesel::prelude::*;

/// A class of a school: 2年1組 is grade 2, class "1組".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Class {
    pub grade: i32,
    pub class_name: String,
}

impl Class {
    /// 「2年1組」.
    pub fn label(&self) -> String {
        format!("{}年{}", self.grade, self.class_name)
    }
}

/// A teacher's classes at a school, in order.
pub fn classes_of(conn: &mut DbConnection, school_id: i64, member_id: i64) -> QueryResult<Vec<Class>> {
    Ok(notebook_teacher_classes::table
        .filter(notebook_teacher_classes::school_id.eq(school_id))
        .filter(notebook_teacher_classes::member_id.eq(member_id))
        .order((notebook_teacher_classes::grade, notebook_teacher_classes::class_name))
        .select((notebook_teacher_classes::grade, notebook_teacher_classes::class_name))
        .load::<(i32, String)>(conn)?
        .into_iter()
        .map(|(grade, class_name)| Class { grade, class_name })
        .collect())
}

/// The teachers (member ids) of one class.
pub fn teachers_of(conn: &mut DbConnection, school_id: i64, class: &Class) -> QueryResult<Vec<i64>> {
    notebook_teacher_classes::table
        .filter(notebook_teacher_classes::school_id.eq(school_id))
        .filter(notebook_teacher_classes::grade.eq(class.grade))
        .filter(notebook_teacher_classes::class_name.eq(&class.class_name))
        .order(notebook_teacher_classes::member_id)
        .select(notebook_teacher_classes::member_id)
        .load(conn)
}

/// Gives a teacher a class (she must be staff of the school); nothing when she has it already.
pub fn assign(conn: &mut DbConnection, school_id: i64, member_id: i64, class: &Class) -> QueryResult<()> {
    if classes_of(conn, school_id, member_id)?.contains(class) {
        return Ok(());
    }
    diesel::insert_into(notebook_teacher_classes::table)
        .values((
            notebook_teacher_classes::school_id.eq(school_id),
            notebook_teacher_classes::member_id.eq(member_id),
            notebook_teacher_classes::grade.eq(class.grade),
            notebook_teacher_classes::class_name.eq(&class.class_name),
        ))
        .execute(conn)
        .map(drop)
}

/// Takes a class from a teacher.
pub fn unassign(conn: &mut DbConnection, school_id: i64, member_id: i64, class: &Class) -> QueryResult<()> {
    diesel::delete(
        notebook_teacher_classes::table
            .filter(notebook_teacher_classes::school_id.eq(school_id))
            .filter(notebook_teacher_classes::member_id.eq(member_id))
            .filter(notebook_teacher_classes::grade.eq(class.grade))
            .filter(notebook_teacher_classes::class_name.eq(&class.class_name)),
    )
    .execute(conn)
    .map(drop)
}
