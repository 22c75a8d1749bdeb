//! Account events for operators. Hiroba has no audit table for accounts (the watch audit records
//! views of children's data only), so each event is one line of the log under the target
//! `hiroba::audit`: the event and the member's id, never a password, token or address.

/// Something that changed how a member signs in or appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountEvent {
    /// A reset link was mailed to one of her confirmed addresses.
    ResetRequested,
    /// A reset link set a new password.
    ResetUsed,
    /// She changed her password on my page.
    PasswordChanged,
    NicknameChanged,
}

impl AccountEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountEvent::ResetRequested => "password_reset_requested",
            AccountEvent::ResetUsed => "password_reset_used",
            AccountEvent::PasswordChanged => "password_changed",
            AccountEvent::NicknameChanged => "nickname_changed",
        }
    }
}

/// Writes the event to the log.
pub fn record(event: AccountEvent, member_id: i64) {
    log::info!(target: "hiroba::audit", "{} member={member_id}", event.as_str());
}
