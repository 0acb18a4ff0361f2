//! `/services` pages.

pub mod detail;
pub mod list;
