//! `/sites` pages.

pub mod detail;
pub mod list;
pub mod stock_bins;
