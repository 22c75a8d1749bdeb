//! デジタル連絡帳: teachers with their classes, families of guardians (each with her own account)
//! joined to the roster's children, and children's 申込コード.
//!
//! ```ignore
//! let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app).school;
//! let teacher = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
//! let yamada = NotebookFamily::new()
//!     .guardian(MemberBuilder::new("はなママ").carrier(Carrier::Docomo))
//!     .child(ChildBuilder::new("ゆうた").class(2, "1組"))
//!     .child(ChildBuilder::new("さき").class(4, "2組"))
//!     .insert(&app, &school);
//! ```

use super::{ChildBuilder, MemberBuilder, TestMember};
use crate::helpers::app::TestApp;
use hiroba::db::models::notebook::family::Family;
use hiroba::db::models::notebook::teacher::{assign, Class};
use hiroba::db::models::watch::child::Child;
use hiroba::db::models::watch::school::School;
use hiroba::db::schema::notebook_child_codes;
use hiroba::domain::role::Role;

/// A teacher of `school` with these classes (`(2, "1組")` is 2年1組).
pub fn teacher(app: &TestApp, school: &School, member: MemberBuilder, classes: &[(i32, &str)]) -> TestMember {
    let teacher = member.role(Role::Teacher).insert(app);
    let mut conn = app.pool.get().expect("connection");
    School::add_staff(&mut conn, school.id, teacher.id).expect("staff");
    for (grade, class_name) in classes {
        let class = Class {
            grade: *grade,
            class_name: class_name.to_string(),
        };
        assign(&mut conn, school.id, teacher.id, &class).expect("class");
    }
    teacher
}

/// Gives a child her 申込コード (as the school's letter prints it).
pub fn child_code(app: &TestApp, child_id: i64, code: &str) {
    use diesel::prelude::*;
    let mut conn = app.pool.get().expect("connection");
    diesel::insert_into(notebook_child_codes::table)
        .values((
            notebook_child_codes::child_id.eq(child_id),
            notebook_child_codes::code.eq(code),
            notebook_child_codes::issued_at.eq(hiroba::db::now()),
        ))
        .execute(&mut *conn)
        .expect("code");
}

/// A family joined already: its guardians (members) and children (on the school's roster).
#[derive(Default)]
pub struct NotebookFamily {
    guardians: Vec<MemberBuilder>,
    children: Vec<ChildBuilder>,
}

/// A family as built, guardians and children in the order they were added.
pub struct TestNotebookFamily {
    pub family: Family,
    pub guardians: Vec<TestMember>,
    pub children: Vec<Child>,
}

impl NotebookFamily {
    pub fn new() -> Self {
        NotebookFamily::default()
    }

    pub fn guardian(mut self, member: MemberBuilder) -> Self {
        self.guardians.push(member);
        self
    }

    pub fn child(mut self, child: ChildBuilder) -> Self {
        self.children.push(child);
        self
    }

    /// Stores the members, the children at `school` and the family joining them.
    pub fn insert(self, app: &TestApp, school: &School) -> TestNotebookFamily {
        let guardians: Vec<TestMember> = self.guardians.into_iter().map(|g| g.insert(app)).collect();
        let children: Vec<Child> = self.children.into_iter().map(|c| c.insert(app, school)).collect();
        let mut conn = app.pool.get().expect("connection");
        let family = Family::create(&mut conn).expect("family");
        for guardian in &guardians {
            Family::add_guardian(&mut conn, family.id, guardian.id).expect("guardian");
        }
        for child in &children {
            Family::add_child(&mut conn, family.id, child.id).expect("child");
        }
        TestNotebookFamily {
            family,
            guardians,
            children,
        }
    }

    /// Adds a child at another school to a family built already.
    pub fn add_child(app: &TestApp, family: &TestNotebookFamily, child: ChildBuilder, school: &School) -> Child {
        let child = child.insert(app, school);
        let mut conn = app.pool.get().expect("connection");
        Family::add_child(&mut conn, family.family.id, child.id).expect("child");
        child
    }
}
