//! The notebook's answers mails.
