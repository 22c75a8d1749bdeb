//! The notebook's home mails.
