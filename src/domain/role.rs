//! Member roles and account states, as stored in the database and shown to people.

use std::fmt;

/// What a member does in the service; a member may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 保護者 / 依頼会員: a parent who asks for help and receives alerts.
    Guardian,
    /// 提供会員: a vetted local supporter who accepts pickups and childcare.
    Supporter,
    Teacher,
    Coordinator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Guardian,
        Role::Supporter,
        Role::Teacher,
        Role::Coordinator,
        Role::Admin,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Guardian => "guardian",
            Role::Supporter => "supporter",
            Role::Teacher => "teacher",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    /// The name members see.
    pub fn label(self) -> &'static str {
        match self {
            Role::Guardian => "保護者（依頼会員）",
            Role::Supporter => "提供会員",
            Role::Teacher => "先生",
            Role::Coordinator => "コーディネーター",
            Role::Admin => "管理者",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a member's account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    /// Registered; a coordinator has not approved the member yet.
    Pending,
    Approved,
    Suspended,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Pending => "pending",
            MemberStatus::Approved => "approved",
            MemberStatus::Suspended => "suspended",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberStatus::Pending => "承認待ち",
            MemberStatus::Approved => "利用中",
            MemberStatus::Suspended => "利用停止",
        }
    }

    /// Unknown stored values count as suspended: fail closed.
    pub fn parse(text: &str) -> MemberStatus {
        match text {
            "pending" => MemberStatus::Pending,
            "approved" => MemberStatus::Approved,
            _ => MemberStatus::Suspended,
        }
    }
}
