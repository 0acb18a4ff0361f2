//! Server functions, one file per area. Reads use GET encodings; anything that changes state is POST.

pub mod activity;
pub mod compare;
pub mod details;
#[cfg(feature = "ssr")]
pub mod early;
#[cfg(feature = "ssr")]
pub mod facets;
pub mod flash;
#[cfg(feature = "ssr")]
pub mod form_ssr;
pub mod forms;
pub mod health;
pub mod jobs;
pub mod lists;
#[cfg(feature = "ssr")]
pub mod local_list;
pub mod lookups;
pub mod notes;
pub mod notes_write;
pub mod overview;
#[cfg(feature = "ssr")]
pub mod pickers;
#[cfg(feature = "ssr")]
pub mod record_ssr;
pub mod records;
pub mod shell;
pub mod unsubscribe;
pub mod views;

#[cfg(feature = "ssr")]
pub(crate) mod ssr;
#[cfg(feature = "ssr")]
pub use ssr::halo;
