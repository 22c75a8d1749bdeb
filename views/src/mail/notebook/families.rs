//! The notebook's families mails.
