//! halo-sim: a HaloPSA simulator for the Clients & Sites endpoints.
//!
//! It answers as hosted HaloPSA does — the authorisation server under `/auth` (client credentials,
//! authorisation code + PKCE with a sign-in page, refresh tokens) and the resource server under
//! `/api` (Client, Site, Supplier, Organisation, Service, CRM and popup notes, lookups) — on
//! deterministic, realistic demo data, with Halo's hosted rate limit and injectable faults.
//! It is Haloscope's demo backend (mounted in process under `/_sim`) and the upstream every test
//! talks to. See `README.md` for the behaviour table.

#![recursion_limit = "512"]

mod api;
mod auth;
mod auth_state;
mod config;
mod data;
mod entity;
mod error;
mod faults;
mod known_fields;
mod query;
mod recorder;
mod redirect;
mod schema_types;
mod scope;
mod sign_in_page;
mod sim;
mod store;
mod strict;
mod write;

pub use config::{
    default_agents, DemoAgent, RedirectRule, SimConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
    DEMO_TENANT,
};
pub use entity::{Entity, UnknownEntity};
pub use error::ApiError;
pub use faults::{FaultConfig, Faults};
pub use query::{DEFAULT_PAGE_SIZE, PAGE_CAP};
pub use recorder::RecordedWrite;
pub use sim::{serve, spawn, RunningSim, Simulator, ROUTES};
pub use strict::NO_DATE;

/// Whether HaloPSA knows `field` on `entity` (strict mode drops the others from a POST).
pub fn knows_field(entity: Entity, field: &str) -> bool {
    known_fields::known(entity, field)
}
