//! The notebook's families pages.
