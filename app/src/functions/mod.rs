//! Server functions, one file per area. Reads use GET encodings; anything that changes state is POST.

pub mod clients;
pub mod clients_write;
#[cfg(feature = "ssr")]
pub mod form_ssr;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod local_list;
pub mod lookups;
pub mod notes;
pub mod notes_write;
pub mod organisations;
pub mod organisations_write;
pub mod overview;
pub mod services;
pub mod services_write;
pub mod shell;
pub mod sites;
pub mod sites_write;
pub mod suppliers;
pub mod suppliers_write;

#[cfg(feature = "ssr")]
mod ssr;
#[cfg(feature = "ssr")]
pub use ssr::halo;
