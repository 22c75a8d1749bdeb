//! 送迎・あずかり支援: the members' pages.
