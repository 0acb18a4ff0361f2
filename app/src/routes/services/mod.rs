//! `/services` pages.

pub mod detail;
