//! The notebook's absence pages.
