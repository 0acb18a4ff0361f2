//! `/organisations` pages.

pub mod detail;
