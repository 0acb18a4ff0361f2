//! Haloscope's HaloPSA client.
//!
//! Without features this crate holds what both browser and server need and compiles to wasm:
//! [`models`] (typed records that keep every untyped field), [`query`] (one builder per list
//! endpoint with every documented parameter), [`Page`], [`Entity`] and [`Error`].
//!
//! With the `client` feature it adds [`client`]: the [`client::Gateway`] (one per tenant and
//! client id: HTTP connection pool, outbound rate limiter, read cache and metrics — the one
//! place every upstream call passes) and [`client::HaloClient`] (a gateway plus a token
//! source: the app's client-credentials token or a signed-in agent's token set).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod entity;
pub mod error;
pub mod models;
mod page;
pub mod query;

#[cfg(feature = "client")]
pub mod client;

pub use entity::Entity;
pub use error::{Error, FieldError};
pub use page::{unreadable_rows, Page};

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
