//! `/organisations` pages.

pub mod delete;
pub mod detail;
pub mod form;
pub mod list;
