//! Pages, one file per page (entity pages under a folder per entity).

pub mod clients;
pub mod not_found;
pub mod organisations;
pub mod overview;
pub mod services;
pub mod sites;
pub mod suppliers;
