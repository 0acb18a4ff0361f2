//! Data health: finding the records that exist twice or are incomplete. Server only.

pub mod names;
