//! The notebook's answers pages: the guardian's answer form (survey or free reply) and the
//! school's tally of a message's answers.

pub mod form;
pub mod tally;
