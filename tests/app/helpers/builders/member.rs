//! Members: an approved guardian on docomo unless the test says otherwise.

use crate::helpers::app::TestApp;
use crate::helpers::session::Signed;
use hiroba::auth::admin::{add_member, AddMember};
use hiroba::db::models::member::Member;
use hiroba::domain::role::{MemberStatus, Role};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The password of every built member.
pub const PASSWORD: &str = "builder-pass-1";

/// The carrier of a member's address, which decides how mail to her is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Docomo,
    Au,
    SoftBank,
    /// Any other address.
    Pc,
}

impl Carrier {
    pub fn domain(self) -> &'static str {
        match self {
            Carrier::Docomo => "docomo.ne.jp",
            Carrier::Au => "ezweb.ne.jp",
            Carrier::SoftBank => "softbank.ne.jp",
            Carrier::Pc => "example.jp",
        }
    }
}

pub struct MemberBuilder {
    nickname: String,
    real_name: Option<String>,
    email: Option<String>,
    carrier: Carrier,
    password: String,
    roles: Vec<Role>,
    area: Option<String>,
    status: MemberStatus,
}

/// A member as built: what a test needs to sign her in or mail her.
#[derive(Debug, Clone)]
pub struct TestMember {
    pub id: i64,
    pub email: String,
    pub password: String,
}

impl MemberBuilder {
    /// An approved guardian with a verified docomo address and no area.
    pub fn new(nickname: &str) -> Self {
        MemberBuilder {
            nickname: nickname.to_string(),
            real_name: None,
            email: None,
            carrier: Carrier::Docomo,
            password: PASSWORD.to_string(),
            roles: vec![Role::Guardian],
            area: None,
            status: MemberStatus::Approved,
        }
    }

    /// Her one role (instead of guardian).
    pub fn role(self, role: Role) -> Self {
        self.roles(&[role])
    }

    pub fn roles(mut self, roles: &[Role]) -> Self {
        self.roles = roles.to_vec();
        self
    }

    /// The carrier of the address made up for her (`member<n>@<carrier's domain>`).
    pub fn carrier(mut self, carrier: Carrier) -> Self {
        self.carrier = carrier;
        self
    }

    /// Her address as given (its domain decides the carrier).
    pub fn email(mut self, email: &str) -> Self {
        self.email = Some(email.to_string());
        self
    }

    pub fn real_name(mut self, real_name: &str) -> Self {
        self.real_name = Some(real_name.to_string());
        self
    }

    pub fn password(mut self, password: &str) -> Self {
        self.password = password.to_string();
        self
    }

    /// Her area, by name (one of the settings' areas).
    pub fn area(mut self, area: &str) -> Self {
        self.area = Some(area.to_string());
        self
    }

    /// Registered but not yet approved by a coordinator.
    pub fn pending(mut self) -> Self {
        self.status = MemberStatus::Pending;
        self
    }

    pub fn insert(self, app: &TestApp) -> TestMember {
        static COUNTER: AtomicUsize = AtomicUsize::new(1);
        let email = self.email.unwrap_or_else(|| {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            format!("member{n}@{}", self.carrier.domain())
        });
        let real_name = self.real_name.unwrap_or_else(|| format!("テスト {}", self.nickname));
        let mut conn = app.pool.get().expect("connection");
        let (id, _) = add_member(
            &mut conn,
            &app.state.ctx.profiles,
            &AddMember {
                email: &email,
                password: &self.password,
                roles: &self.roles,
                nickname: &self.nickname,
                real_name: &real_name,
                area: self.area.as_deref(),
                status: self.status,
            },
        )
        .unwrap_or_else(|e| panic!("member {email}: {e}"));
        TestMember {
            id,
            email,
            password: self.password,
        }
    }
}

impl TestMember {
    /// A browser of `user_agent` logged in as her.
    pub fn sign_in<'a>(&self, app: &'a TestApp, user_agent: &str) -> Signed<'a> {
        Signed::new(app, user_agent, &self.email, &self.password)
    }

    /// Her posting address (`post-<token>@<domain>`).
    pub fn posting_address(&self, app: &TestApp) -> String {
        let token = Member::posting_token(&mut app.pool.get().expect("connection"), self.id).expect("token");
        format!("post-{token}@{}", crate::helpers::mail::DOMAIN)
    }
}
