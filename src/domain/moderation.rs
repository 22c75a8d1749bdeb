//! What the moderation log records: a coordinator hiding or restoring a thread or a comment, an
//! author taking back her thread, and a coordinator's decision on a community.

use super::community::Decision;

/// Hide or restore: the `action` of a coordinator's form under a thread or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModAction {
    Hide,
    Restore,
}

impl ModAction {
    /// The `action` field of a hide/restore form.
    pub fn parse(key: &str) -> Option<ModAction> {
        [ModAction::Hide, ModAction::Restore]
            .into_iter()
            .find(|a| a.as_str() == key)
    }

    /// The form's value, the same as the logged action's.
    pub fn as_str(self) -> &'static str {
        LogAction::from(self).as_str()
    }
}

/// A line's action, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogAction {
    Hide,
    Restore,
    /// The author deleted her thread (the line's reason keeps its title).
    Delete,
    Approve,
    Reject,
    Close,
}

impl LogAction {
    const ALL: [LogAction; 6] = [
        LogAction::Hide,
        LogAction::Restore,
        LogAction::Delete,
        LogAction::Approve,
        LogAction::Reject,
        LogAction::Close,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            LogAction::Hide => "hide",
            LogAction::Restore => "restore",
            LogAction::Delete => "delete",
            LogAction::Approve => "approve",
            LogAction::Reject => "reject",
            LogAction::Close => "close",
        }
    }

    /// A stored value; `None` for one written by a newer version.
    pub fn parse(stored: &str) -> Option<LogAction> {
        LogAction::ALL.into_iter().find(|a| a.as_str() == stored)
    }

    /// How the log shows it: 「…を非表示」.
    pub fn label(self) -> &'static str {
        match self {
            LogAction::Hide => "非表示",
            LogAction::Restore => "再表示",
            LogAction::Delete => "削除",
            LogAction::Approve => "承認",
            LogAction::Reject => "見送り",
            LogAction::Close => "終了",
        }
    }

    /// Whether the action is about the place itself (a community), not a thread in it.
    pub fn is_about_place(self) -> bool {
        matches!(self, LogAction::Approve | LogAction::Reject | LogAction::Close)
    }
}

impl From<ModAction> for LogAction {
    fn from(action: ModAction) -> Self {
        match action {
            ModAction::Hide => LogAction::Hide,
            ModAction::Restore => LogAction::Restore,
        }
    }
}

impl From<Decision> for LogAction {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::Approve => LogAction::Approve,
            Decision::Reject => LogAction::Reject,
            Decision::Close => LogAction::Close,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back() {
        for action in LogAction::ALL {
            assert_eq!(LogAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(LogAction::parse("nonsense"), None);
        assert_eq!(ModAction::parse("hide"), Some(ModAction::Hide));
        assert_eq!(ModAction::parse("delete"), None);
    }
}
