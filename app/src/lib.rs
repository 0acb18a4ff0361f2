//! Haloscope's user interface: Leptos components, pages (one file per page under `routes/`) and the server
//! functions they call (`functions/`). Compiled twice: with `ssr` into the server binary, with `hydrate`
//! into the browser's wasm.
#![recursion_limit = "256"]

pub mod activity;
pub mod app;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod components;
pub mod entities;
pub mod errors;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod forms;
pub mod functions;
pub mod health;
pub mod islands;
pub mod jobs;
pub mod pages;
pub mod params;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod state;

pub use app::App;
