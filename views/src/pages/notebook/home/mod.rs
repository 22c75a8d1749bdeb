//! The notebook's home pages.
