//! `/sites` pages.

pub mod delete;
pub mod detail;
pub mod form;
pub mod list;
pub mod stock_bins;
