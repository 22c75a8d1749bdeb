//! Child watch: a school with its readers, and children with tags and the guardians their
//! passes are mailed to.

use crate::helpers::app::TestApp;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::watch::child::{Child, NewChild};
use hiroba::db::models::watch::reader::{Reader, ReaderKind};
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::models::watch::school::School;
use hiroba::db::models::watch::tag::TagAssignment;
use hiroba::notebook::join::join_child;

pub struct SchoolBuilder {
    name: String,
    readers: Vec<(String, ReaderKind)>,
    children: Vec<ChildBuilder>,
}

/// A school as built: readers and children in the order they were added.
pub struct TestSchool {
    pub school: School,
    pub readers: Vec<Reader>,
    pub children: Vec<Child>,
}

impl SchoolBuilder {
    pub fn new(name: &str) -> Self {
        SchoolBuilder {
            name: name.to_string(),
            readers: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn gate(mut self, name: &str) -> Self {
        self.readers.push((name.to_string(), ReaderKind::Gate));
        self
    }

    pub fn waypoint(mut self, name: &str) -> Self {
        self.readers.push((name.to_string(), ReaderKind::Waypoint));
        self
    }

    pub fn child(mut self, child: ChildBuilder) -> Self {
        self.children.push(child);
        self
    }

    /// Stores the school (or adds to the one of that name). Reader secrets are 64 hex digits,
    /// `a…a` for the first reader, `b…b` for the second and so on.
    pub fn insert(self, app: &TestApp) -> TestSchool {
        let mut conn = app.pool.get().expect("connection");
        let school = School::ensure(&mut conn, &self.name).expect("school");
        let readers = self
            .readers
            .iter()
            .enumerate()
            .map(|(i, (name, kind))| {
                let secret = format!("{:x}", 10 + i % 6).repeat(64);
                let id = Reader::create(&mut conn, school.id, name, *kind, &secret).expect("reader");
                Reader::find(&mut conn, id).expect("reader").expect("reader")
            })
            .collect();
        drop(conn);
        let children = self.children.into_iter().map(|c| c.insert(app, &school)).collect();
        TestSchool {
            school,
            readers,
            children,
        }
    }
}

pub struct ChildBuilder {
    short_name: String,
    name: Option<String>,
    code: Option<String>,
    grade: i32,
    class_name: String,
    tag: Option<String>,
    guardians: Vec<(String, String)>,
}

impl ChildBuilder {
    /// A third-grader of 2組 called `short_name`, with no tag and no guardian yet.
    pub fn new(short_name: &str) -> Self {
        ChildBuilder {
            short_name: short_name.to_string(),
            name: None,
            code: None,
            grade: 3,
            class_name: "2組".into(),
            tag: None,
            guardians: Vec::new(),
        }
    }

    /// The full name (staff see it; mails never show it).
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_string());
        self
    }

    /// Her grade and class, e.g. `(2, "1組")` for 2年1組.
    pub fn class(mut self, grade: i32, class_name: &str) -> Self {
        self.grade = grade;
        self.class_name = class_name.to_string();
        self
    }

    /// The school's own number for the child (made up from a counter otherwise).
    pub fn code(mut self, code: &str) -> Self {
        self.code = Some(code.to_string());
        self
    }

    /// The tag she carries, assigned since yesterday so that reads of the last minutes count.
    pub fn tag(mut self, tag: &str) -> Self {
        self.tag = Some(tag.to_string());
        self
    }

    /// A guardian mailed at each pass, e.g. `("mama@docomo.ne.jp", "母")`; a member who has
    /// confirmed that address is put in the child's family.
    pub fn guardian(mut self, address: &str, label: &str) -> Self {
        self.guardians.push((address.to_string(), label.to_string()));
        self
    }

    /// Stores the child at `school`.
    pub fn insert(self, app: &TestApp, school: &School) -> Child {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static CODES: AtomicUsize = AtomicUsize::new(5001);
        let code = self
            .code
            .unwrap_or_else(|| CODES.fetch_add(1, Ordering::Relaxed).to_string());
        let name = self.name.unwrap_or_else(|| format!("山田 {}", self.short_name));
        let mut conn = app.pool.get().expect("connection");
        let id = Child::upsert(
            &mut conn,
            &NewChild {
                school_id: school.id,
                code: &code,
                name: &name,
                short_name: &self.short_name,
                grade: self.grade,
                class_name: &self.class_name,
            },
        )
        .expect("child");
        if let Some(tag) = &self.tag {
            let since = hiroba::db::now() - chrono::Duration::days(1);
            TagAssignment::assign(&mut conn, tag, id, "テスト", since).expect("tag");
        }
        for (address, label) in &self.guardians {
            Recipient::upsert(&mut conn, id, address, label, None).expect("guardian");
            // A member at that address is in the child's family, as the school's approval or the
            // child's 申込コード would have put her: the address alone links nothing.
            if let Some(found) = MailAddress::find(&mut conn, address).expect("address") {
                if found.is_verified() {
                    join_child(&mut conn, found.member_id, id).expect("family");
                }
            }
        }
        Child::find(&mut conn, id).expect("child").expect("child")
    }
}
