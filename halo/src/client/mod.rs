//! The server-only HTTP client (feature `client`).
//!
//! Build one [`Gateway`] per tenant + client id from a [`GatewayConfig`], then take
//! [`Gateway::app_client`] or [`Gateway::agent_client`] and use the entity accessors:
//! `client.clients().list(&ClientQuery::new().search("acme")).await?`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), halo::Error> {
//! use halo::client::{Gateway, GatewayConfig, SecretString};
//! use halo::query::{ClientDetailQuery, ClientQuery};
//! use futures::TryStreamExt;
//!
//! let mut cfg = GatewayConfig::new(
//!     "https://acme.halopsa.com/api".parse().unwrap(),
//!     "https://acme.halopsa.com/auth".parse().unwrap(),
//!     "client-id-guid",
//! );
//! cfg.tenant = Some("acme".into());
//! cfg.client_secret = Some(SecretString::from("secret"));
//! let gateway = Gateway::new(cfg)?; // once per tenant + client id; share it
//! let halo = gateway.app_client();
//!
//! let page = halo.clients().list(&ClientQuery::new().search("north").pageinate(true).page_size(50).page_no(1)).await?;
//! let every_site: Vec<_> = halo.sites().stream(Default::default()).try_collect().await?;
//!
//! let before = halo.clients().get(page.items[0].id, &ClientDetailQuery::new()).await?;
//! let mut changed = serde_json::Map::new();
//! changed.insert("notes".into(), "Renewal due in May".into());
//! halo.clients().update(before.id, changed).await?; // sends id + notes only
//! # let _ = every_site; Ok(()) }
//! ```
//!
//! **Rate limiting.** The outbound limiter uses GCRA with burst `b = max(1, N/10)`
//! and one request every `T = W / (N - b)`; any rolling window `W` then admits at most
//! `b + W/T = N` requests, so Haloscope itself never causes a 429. It is keyed by tenant +
//! client id and shared by the app token and every agent token. Calls are *interactive* (page
//! views) or *background* ([`HaloClient::background`]: exports, bulk jobs): background calls use
//! at most `background_share`% of the budget and never the half of the burst kept for page views
//! (see `limiter.rs`). No call waits for the limiter past its budget: it answers "rate-limited" at
//! once instead.

pub mod auth;
mod cache;
mod config;
pub mod discovery;
mod extras;
mod gateway;
mod halo_client;
mod limiter;
mod pinned;
mod resource;
pub mod retry;
mod shared;
mod token;
mod token_sharing;
mod unreadable_log;

pub use auth::{authorize_url, challenge_for, random_state, Pkce};
pub use config::{
    GatewayConfig, DEFAULT_BACKGROUND_SHARE, DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW,
};
pub use discovery::{discover, AuthTarget, Discovery};
pub use extras::Lookups;
pub use gateway::Gateway;
pub use halo_client::{CallTimes, HaloClient, StaleRead};
pub use limiter::CallClass;
pub use pinned::pin_connections_to_this_thread;
pub use resource::Resource;
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use shared::{Admission, Quota, Shared, SharedState, SharedUnavailable};
pub use token::{TokenSet, RENEW_BEFORE_EXPIRY};
