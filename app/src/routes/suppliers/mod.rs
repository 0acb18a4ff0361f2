//! `/suppliers` pages (HaloPSA calls suppliers "Companies").

pub mod detail;
