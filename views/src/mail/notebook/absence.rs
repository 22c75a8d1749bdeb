//! The notebook's absence mails.
