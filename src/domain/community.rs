//! Communities (コミュニティ) as members propose them: a checked name and description, the status a
//! coordinator decides, and a member's role in one. Topics and comments reuse the post text types
//! (`PostTitle`, `PostBody`, `CommentBody`), which have the same limits.

use super::post::text_type;

text_type!(
    /// A community's name: short enough for one line of a keitai list.
    CommunityName,
    "コミュニティ名",
    30
);
text_type!(
    /// What a community is about.
    CommunityDescription,
    "説明",
    1000
);

/// Where a community stands. Only approved ones are listed and take members and topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommunityStatus {
    Pending,
    Approved,
    Rejected,
    Closed,
}

impl CommunityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommunityStatus::Pending => "pending",
            CommunityStatus::Approved => "approved",
            CommunityStatus::Rejected => "rejected",
            CommunityStatus::Closed => "closed",
        }
    }

    /// A stored value; an unknown one (from a newer version) reads as closed, which allows nothing.
    pub fn parse(stored: &str) -> CommunityStatus {
        match stored {
            "pending" => CommunityStatus::Pending,
            "approved" => CommunityStatus::Approved,
            "rejected" => CommunityStatus::Rejected,
            _ => CommunityStatus::Closed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CommunityStatus::Pending => "承認待ち",
            CommunityStatus::Approved => "公開中",
            CommunityStatus::Rejected => "見送り",
            CommunityStatus::Closed => "終了",
        }
    }
}

/// A coordinator's decision on a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
    Close,
}

impl Decision {
    pub fn parse(key: &str) -> Option<Decision> {
        match key {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            "close" => Some(Decision::Close),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::Close => "close",
        }
    }

    /// The status the decision leads to.
    pub fn outcome(self) -> CommunityStatus {
        match self {
            Decision::Approve => CommunityStatus::Approved,
            Decision::Reject => CommunityStatus::Rejected,
            Decision::Close => CommunityStatus::Closed,
        }
    }

    /// The status a community must have for the decision to apply.
    pub fn applies_to(self) -> CommunityStatus {
        match self {
            Decision::Approve | Decision::Reject => CommunityStatus::Pending,
            Decision::Close => CommunityStatus::Approved,
        }
    }
}

/// A member's place in a community: the owner (the proposer) or an ordinary member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberRole {
    Owner,
    Member,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Member => "member",
        }
    }

    pub fn parse(stored: &str) -> MemberRole {
        if stored == "owner" {
            MemberRole::Owner
        } else {
            MemberRole::Member
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::post::TextError;

    #[test]
    fn names_are_bounded_to_thirty_characters() {
        assert!(CommunityName::parse(&"あ".repeat(30)).is_ok());
        assert_eq!(
            CommunityName::parse(&"あ".repeat(31)),
            Err(TextError::TooLong("コミュニティ名", 30))
        );
        assert_eq!(CommunityDescription::parse("  "), Err(TextError::Empty("説明")));
    }

    #[test]
    fn decisions_apply_to_one_status_each() {
        for key in ["approve", "reject", "close"] {
            let d = Decision::parse(key).expect("known");
            assert_eq!(d.as_str(), key);
            assert_ne!(d.applies_to(), d.outcome());
        }
        assert_eq!(Decision::parse("delete"), None);
        assert_eq!(CommunityStatus::parse("nonsense"), CommunityStatus::Closed);
        for s in ["pending", "approved", "rejected", "closed"] {
            assert_eq!(CommunityStatus::parse(s).as_str(), s);
        }
    }
}
