//! `/clients` pages.

pub mod detail;
