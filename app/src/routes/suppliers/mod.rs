//! `/suppliers` pages (HaloPSA calls suppliers "Companies").

pub mod delete;
pub mod detail;
pub mod form;
pub mod list;
