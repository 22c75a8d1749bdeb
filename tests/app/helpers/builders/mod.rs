//! Builders for the rows a test needs.
