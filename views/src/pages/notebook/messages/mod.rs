//! The notebook's messages pages.
