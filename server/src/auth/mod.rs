//! Signing in and sessions. Every request passes [`gate::gate`]: public paths (`/healthz`, `/readyz`,
//! `/login`, `/auth/callback`; site assets and `/_sim` never reach it) go through, everything else needs a
//! signed-in session. In `agent` mode people sign in with HaloPSA (authorization code + PKCE) and their
//! sealed tokens live in the server-side session; in `service` mode they sign in with a local account and the
//! app's client does the upstream calls.

pub mod callback;
pub mod gate;
pub mod limits;
pub mod login;
pub mod login_page;
pub mod next_path;
pub mod recent_sessions;
pub mod sealing;
pub mod session_store;
pub mod signed_in;

use crate::settings::AuthMode;
use app::audit::AuditLog;
use halo::client::{Gateway, HaloClient};
use std::sync::Arc;
use std::time::Duration;

/// Everything signing in needs; cheap to clone.
#[derive(Clone)]
pub struct Auth(Arc<AuthInner>);

/// See [`Auth`].
pub struct AuthInner {
    pub mode: AuthMode,
    pub gateway: Gateway,
    /// The app's client: used for every call in service mode.
    pub app_client: Option<HaloClient>,
    pub sealer: sealing::Sealer,
    /// Sessions end this long after sign-in.
    pub max_age: Duration,
    /// Agent mode: the live client of each session (by session id), so refreshed tokens are used at once.
    pub agents: moka::sync::Cache<String, HaloClient>,
    /// Service mode: the local accounts.
    pub users: Option<crate::users::Users>,
    pub audit: Arc<AuditLog>,
    pub limits: limits::Limits,
    /// Which connections' `X-Forwarded-For` names the client.
    pub proxies: crate::client_ip::TrustedProxies,
    /// Ids of sessions ended here (sign-out, revoked, timed out): a request still in flight that writes
    /// one back cannot bring it to life again.
    pub ended: moka::sync::Cache<String, ()>,
    /// `https://host` from `HALOSCOPE_PUBLIC_URL`; `None`: taken from the request's `Host` (loopback use).
    pub public_origin: Option<String>,
    /// The OAuth scope asked of HaloPSA for agents (always with `openid offline_access`).
    pub agent_scope: String,
    /// Stylesheet of the sign-in page.
    pub css: String,
    pub demo: bool,
    /// What every session of this server is bound to (mode, HaloPSA API URL, tenant, client id).
    pub binding: signed_in::SessionBinding,
    /// Replicas: the Redis they share. One-time form messages are loaded from it around each request, and
    /// an agent's client is built from the session on every request (another replica may have refreshed
    /// its tokens), never kept in `agents`.
    pub redis: Option<crate::shared::Redis>,
}

impl std::ops::Deref for Auth {
    type Target = AuthInner;
    fn deref(&self) -> &AuthInner {
        &self.0
    }
}

impl Auth {
    pub fn new(inner: AuthInner) -> Auth {
        Auth(Arc::new(inner))
    }

    /// The origin people use: the configured public URL, else `http://<Host>` of the request.
    pub fn origin(&self, headers: &http::HeaderMap) -> Option<String> {
        if let Some(o) = &self.public_origin {
            return Some(o.clone());
        }
        let host = headers.get(http::header::HOST)?.to_str().ok()?;
        let valid = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        valid.then(|| format!("http://{host}"))
    }
}

/// The binding of sessions made by a server with `mode` (demo or not) and this gateway's HaloPSA connection.
pub fn binding(mode: AuthMode, demo: bool, gateway: &Gateway) -> signed_in::SessionBinding {
    let cfg = gateway.config();
    let mode = match (demo, mode) {
        (true, _) => "demo",
        (false, AuthMode::Service) => "service",
        (false, AuthMode::Agent) => "agent",
    };
    signed_in::SessionBinding {
        mode: mode.to_owned(),
        api_url: cfg.api_url.to_string(),
        tenant: cfg.tenant.clone(),
        client_id: cfg.client_id.clone(),
    }
}

/// Unix seconds now.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The agent scope without `openid`, for a HaloPSA that refuses it (`invalid_scope`): its token endpoint
/// still sends the id token that names the agent.
pub fn without_openid(scope: &str) -> String {
    scope
        .split_whitespace()
        .filter(|s| *s != "openid")
        .collect::<Vec<_>>()
        .join(" ")
}

/// The agent scope: the configured one plus `openid offline_access` (a refresh token and an id token).
pub fn agent_scope(configured: &str) -> String {
    let mut scopes: Vec<&str> = configured.split_whitespace().collect();
    for extra in ["openid", "offline_access"] {
        if !scopes.contains(&extra) {
            scopes.push(extra);
        }
    }
    scopes.join(" ")
}
