//! The notebook's messages mails.
