//! `/sites` pages.

pub mod detail;
