//! The notebook's answers pages.
