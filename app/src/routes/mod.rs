//! Pages, one file per page (entity pages under a folder per entity).

pub mod activity;
pub mod bulk;
pub mod compare;
pub mod data_health;
pub mod jobs;
pub mod not_found;
