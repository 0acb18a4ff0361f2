//! What a simulator instance accepts and how it behaves: credentials, token lifetime, rate limit, data size.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::faults::FaultConfig;

/// The tenant name the demo simulator accepts in `?tenant=`.
pub const DEMO_TENANT: &str = "demo";
/// The demo application's client id (a GUID, as Halo's are).
pub const DEMO_CLIENT_ID: &str = "4b1c8e52-93f0-4d6a-a7e1-5c2d9f3b8a01";
/// The demo application's client secret (two GUIDs joined by `-`, as Halo's are).
pub const DEMO_CLIENT_SECRET: &str =
    "e7d3a9c4-12b8-4f5e-9a6d-3c0b7e2f1d48-8f2a6c1e-5d4b-4e3a-b9c7-0a1d2e3f4b5c";

/// A technician who can sign in on the simulator's authorisation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAgent {
    pub id: i64,
    pub name: String,
    pub email: String,
}

impl DemoAgent {
    pub fn new(id: i64, name: &str, email: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            email: email.to_owned(),
        }
    }
}

/// The demo technicians; the first is the one a client-credentials app acts as.
pub fn default_agents() -> Vec<DemoAgent> {
    vec![
        DemoAgent::new(1, "API Service Account", "api@northbeam-it.example"),
        DemoAgent::new(2, "Alex Morgan", "alex.morgan@northbeam-it.example"),
        DemoAgent::new(3, "Priya Shah", "priya.shah@northbeam-it.example"),
        DemoAgent::new(4, "Jonas Weber", "jonas.weber@northbeam-it.example"),
        DemoAgent::new(5, "Chloé Martin", "chloe.martin@northbeam-it.example"),
        DemoAgent::new(6, "Sam O'Connor", "sam.oconnor@northbeam-it.example"),
    ]
}

/// Everything a simulator instance needs. `Default` is the demo: demo credentials, rate limit off,
/// scale 1.0, a fixed seed, no faults, no control endpoint.
#[derive(Clone)]
pub struct SimConfig {
    /// Accepted `?tenant=` value on `/auth/token` and `/auth/authorize`.
    pub tenant: String,
    /// An on-premise install: it has no tenants, so a `?tenant=` is refused and `/api/authinfo` names none.
    pub on_premise: bool,
    /// Whether `/api/authinfo` answers (an install that does not offer it answers 404).
    pub authinfo: bool,
    pub client_id: String,
    pub client_secret: String,
    /// Lifetime of access tokens (`expires_in`).
    pub token_ttl: Duration,
    /// Requests per rolling window per client id; `None` = no limit.
    pub rate_limit: Option<u32>,
    /// Length of the rolling rate-limit window (Halo: 5 minutes).
    pub rate_window: Duration,
    /// 1.0 = 2,000 clients, 6,000 sites, 150 suppliers, 40 services.
    pub scale: f64,
    /// Seed of the demo data; the same seed gives the same data.
    pub seed: u64,
    /// Faults active from the start.
    pub faults: FaultConfig,
    /// Mount the fault control endpoint under `/_control`.
    pub control: bool,
    /// Answer as hosted HaloPSA does where its documentation leaves room (see the `strict` module:
    /// empty 200s for untyped creates, `1900-01-01` for empty dates, counts as strings, refresh tokens
    /// rotated and the used one revoked). Off by default.
    pub strict: bool,
    /// Technicians offered on the sign-in page.
    pub agents: Vec<DemoAgent>,
    /// Scope names this install does not know although Halo's list has them (e.g. `openid`): `/auth/token`
    /// refuses a request for one with `invalid_scope`, as a live tenant was seen to do.
    pub unknown_scopes: Vec<String>,
    /// `/auth/authorize` refuses them too (redirecting back with `error=invalid_scope`).
    pub unknown_scopes_at_authorize: bool,
    /// Scopes granted to the app; requested scopes are cut down to these (`offline_access` always
    /// passes). `None` = every scope.
    pub granted_scopes: Option<Vec<String>>,
    /// Public path prefix the router is mounted under (e.g. `/_sim`), used for absolute links
    /// such as `auth_url` in `/api/authinfo`. Default "".
    pub base_path: String,
    /// Where `/auth/authorize` and `/auth/approve` may send an authorisation code.
    pub redirects: RedirectRule,
    /// Most unused authorisation codes kept (the oldest goes first); each expires after
    /// [`CODE_TTL`](crate::auth::CODE_TTL) anyway.
    pub max_codes: usize,
    /// Most refresh tokens kept (the oldest goes first).
    pub max_refresh_tokens: usize,
    /// Lifetime of a refresh token.
    pub refresh_ttl: Duration,
}

/// The redirect URIs the simulator's demo app has registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirectRule {
    /// Exactly these URIs.
    Exact(Vec<String>),
    /// `http://` or `https://` + the `Host` the authorisation request itself was sent to + this path:
    /// the demo app served on the same listener as the simulator (Haloscope's demo mode), however the
    /// browser reaches it.
    SameHost(String),
    /// This path on a loopback host (`127.0.0.1`, `[::1]`, `localhost`), any port: the standalone
    /// simulator for tests and local development, which only listens on loopback itself.
    Loopback(String),
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            tenant: DEMO_TENANT.to_owned(),
            on_premise: false,
            authinfo: true,
            client_id: DEMO_CLIENT_ID.to_owned(),
            client_secret: DEMO_CLIENT_SECRET.to_owned(),
            token_ttl: Duration::from_secs(3600),
            rate_limit: None,
            rate_window: Duration::from_secs(300),
            scale: 1.0,
            seed: 0x4841_4c4f, // "HALO"
            faults: FaultConfig::default(),
            control: false,
            strict: false,
            agents: default_agents(),
            granted_scopes: None,
            unknown_scopes: Vec::new(),
            unknown_scopes_at_authorize: false,
            base_path: String::new(),
            redirects: RedirectRule::Loopback("/auth/callback".to_owned()),
            max_codes: 10_000,
            max_refresh_tokens: 10_000,
            refresh_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

impl fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimConfig")
            .field("tenant", &self.tenant)
            .field("on_premise", &self.on_premise)
            .field("authinfo", &self.authinfo)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("token_ttl", &self.token_ttl)
            .field("rate_limit", &self.rate_limit)
            .field("rate_window", &self.rate_window)
            .field("scale", &self.scale)
            .field("seed", &self.seed)
            .field("faults", &self.faults)
            .field("control", &self.control)
            .field("agents", &self.agents)
            .field("granted_scopes", &self.granted_scopes)
            .field("base_path", &self.base_path)
            .field("redirects", &self.redirects)
            .field("max_codes", &self.max_codes)
            .field("max_refresh_tokens", &self.max_refresh_tokens)
            .field("refresh_ttl", &self.refresh_ttl)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_the_secret() {
        let text = format!("{:?}", SimConfig::default());
        assert!(!text.contains(DEMO_CLIENT_SECRET));
        assert!(text.contains("[redacted]"));
    }

    #[test]
    fn demo_credentials_look_like_halos() {
        assert_eq!(DEMO_CLIENT_ID.len(), 36);
        assert_eq!(DEMO_CLIENT_SECRET.len(), 36 * 2 + 1);
        assert_eq!(DEMO_CLIENT_SECRET.matches('-').count(), 9);
    }
}
