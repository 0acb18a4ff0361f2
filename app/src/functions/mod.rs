//! Server functions, one file per area. Reads use GET encodings; anything that changes state is POST.

pub mod clients;
#[cfg(feature = "ssr")]
pub mod local_list;
pub mod lookups;
pub mod notes;
pub mod organisations;
pub mod overview;
pub mod services;
pub mod shell;
pub mod sites;
pub mod suppliers;

#[cfg(feature = "ssr")]
mod ssr;
#[cfg(feature = "ssr")]
pub use ssr::halo;
