//! Tokens: the token set type, the grants (client credentials, authorization code + PKCE,
//! refresh token) and the two token sources a [`HaloClient`](super::HaloClient) can use.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;

use super::gateway::Gateway;
use crate::Error;

/// How long before expiry a token is renewed (tokens living less than this are renewed at half-life).
pub const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(60);

/// The tokens Halo issued: an access token, and for agents a refresh token. `Debug` redacts
/// every token; the server persists it in the agent's session via the accessors.
#[derive(Clone)]
pub struct TokenSet {
    /// The bearer token for API calls.
    pub access_token: SecretString,
    /// The refresh token (issued with `offline_access`).
    pub refresh_token: Option<SecretString>,
    /// When the access token expires (from `expires_in`).
    pub expires_at: Option<DateTime<Utc>>,
    /// The OpenID id token naming the technician, when issued.
    pub id_token: Option<SecretString>,
    /// The scopes granted.
    pub scope: Option<String>,
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &"[redacted]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("expires_at", &self.expires_at)
            .field("id_token", &self.id_token.as_ref().map(|_| "[redacted]"))
            .field("scope", &self.scope)
            .finish()
    }
}

impl TokenSet {
    /// A token set from stored parts (e.g. read back from a session).
    pub fn new(
        access_token: impl Into<String>,
        refresh_token: Option<String>,
        expires_at: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            access_token: SecretString::from(access_token.into()),
            refresh_token: refresh_token.map(SecretString::from),
            expires_at,
            id_token: None,
            scope: None,
        }
    }

    /// Whether the access token is within `margin` of expiry (or past it).
    pub fn expires_within(&self, margin: Duration) -> bool {
        match self.expires_at {
            None => false,
            Some(at) => {
                let margin = chrono::Duration::from_std(margin).unwrap_or(chrono::Duration::MAX);
                Utc::now() + margin >= at
            }
        }
    }
}

#[derive(Deserialize)]
struct TokenReply {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<Value>,
    #[serde(default)]
    id_token: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

/// Which grant a token request used (for errors and metrics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Grant {
    ClientCredentials,
    AuthorizationCode,
    RefreshToken,
}

impl Grant {
    fn label(self) -> &'static str {
        match self {
            Grant::ClientCredentials => "client_credentials",
            Grant::AuthorizationCode => "authorization_code",
            Grant::RefreshToken => "refresh_token",
        }
    }
}

/// Posts a form to the token endpoint and reads the token set. Errors never include the form,
/// the reply's tokens or the secret.
pub(crate) async fn request_token(
    gateway: &Gateway,
    grant: Grant,
    form: &[(&str, &str)],
) -> Result<TokenSet, Error> {
    let cfg = gateway.config();
    let url = cfg.token_url();
    let started = std::time::Instant::now();
    let resp = gateway
        .http()
        .post(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .map_err(super::gateway::transport_error);
    let resp = match resp {
        Ok(r) => r,
        Err(e) => {
            metrics::counter!("halo_token_requests_total", "grant" => grant.label(), "outcome" => "transport").increment(1);
            return Err(e);
        }
    };
    let status = resp.status().as_u16();
    let body = resp
        .bytes()
        .await
        .map_err(super::gateway::transport_error)?;
    metrics::counter!("halo_token_requests_total", "grant" => grant.label(), "outcome" => status.to_string()).increment(1);
    metrics::histogram!("halo_token_request_seconds").record(started.elapsed().as_secs_f64());
    if !(200..300).contains(&status) {
        let code = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default();
        tracing::warn!(status, error = %code, grant = grant.label(), "HaloPSA token request refused");
        return Err(match (grant, status, code.as_str()) {
            (Grant::RefreshToken | Grant::AuthorizationCode, 400..=499, _) => Error::SignInRequired,
            (_, _, "invalid_scope") => Error::Config {
                message: format!("HaloPSA refused the requested scope `{}`", cfg.scope),
            },
            (_, 400 | 401 | 403, _) => Error::Unauthorized,
            (_, 429, _) => Error::rate_limited(None),
            _ => Error::Upstream {
                status,
                excerpt: crate::error::excerpt(&code, 80),
            },
        });
    }
    let reply: TokenReply = serde_json::from_slice(&body).map_err(|e| Error::Decode {
        path: "token reply".to_owned(),
        message: format!(
            "unexpected token reply (line {}, column {})",
            e.line(),
            e.column()
        ),
    })?;
    let expires_in = match reply.expires_in {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    Ok(TokenSet {
        access_token: SecretString::from(reply.access_token),
        refresh_token: reply
            .refresh_token
            .filter(|t| !t.is_empty())
            .map(SecretString::from),
        expires_at: expires_in
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(|s| Utc::now() + chrono::Duration::milliseconds((s * 1000.0) as i64)),
        id_token: reply
            .id_token
            .filter(|t| !t.is_empty())
            .map(SecretString::from),
        scope: reply.scope,
    })
}

/// The margin to renew a token with `lifetime` left at issue time.
fn margin_for(set: &TokenSet, issued: DateTime<Utc>) -> Duration {
    match set.expires_at {
        Some(at) => {
            let life = (at - issued).to_std().unwrap_or_default();
            if life > RENEW_BEFORE_EXPIRY {
                RENEW_BEFORE_EXPIRY
            } else {
                life / 2
            }
        }
        None => RENEW_BEFORE_EXPIRY,
    }
}

/// The app's client-credentials token: cached, renewed before expiry, one request in flight.
pub(crate) struct AppToken {
    state: Mutex<Option<(TokenSet, Duration)>>,
}

impl AppToken {
    pub(crate) fn new() -> Self {
        Self {
            state: Mutex::new(None),
        }
    }

    /// A valid token; `stale` is a token Halo just refused (a 401), which must not be reused.
    /// Concurrent callers wait on the one request in flight and share its token.
    pub(crate) async fn get(
        &self,
        gateway: &Gateway,
        stale: Option<&SecretString>,
    ) -> Result<SecretString, Error> {
        let mut state = self.state.lock().await;
        if let Some((set, margin)) = state.as_ref() {
            let refused =
                stale.is_some_and(|s| s.expose_secret() == set.access_token.expose_secret());
            if !refused && !set.expires_within(*margin) {
                return Ok(set.access_token.clone());
            }
        }
        let cfg = gateway.config();
        let secret = cfg.client_secret.as_ref().ok_or_else(|| Error::Config {
            message: "no client secret is configured for the HaloPSA API application".to_owned(),
        })?;
        let issued = Utc::now();
        let set = request_token(
            gateway,
            Grant::ClientCredentials,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", &cfg.client_id),
                ("client_secret", secret.expose_secret()),
                ("scope", &cfg.scope),
            ],
        )
        .await?;
        let token = set.access_token.clone();
        let margin = margin_for(&set, issued);
        *state = Some((set, margin));
        Ok(token)
    }
}

/// A signed-in agent's token set: refreshed with the refresh-token grant before expiry or after
/// a 401; when that fails the agent must sign in again.
pub(crate) struct AgentToken {
    state: Mutex<TokenSet>,
}

impl AgentToken {
    pub(crate) fn new(tokens: TokenSet) -> Self {
        Self {
            state: Mutex::new(tokens),
        }
    }

    pub(crate) async fn current(&self) -> TokenSet {
        self.state.lock().await.clone()
    }

    pub(crate) async fn get(
        &self,
        gateway: &Gateway,
        stale: Option<&SecretString>,
    ) -> Result<SecretString, Error> {
        let mut state = self.state.lock().await;
        let refused =
            stale.is_some_and(|s| s.expose_secret() == state.access_token.expose_secret());
        if !refused && !state.expires_within(RENEW_BEFORE_EXPIRY) {
            return Ok(state.access_token.clone());
        }
        let refresh = state.refresh_token.clone().ok_or(Error::SignInRequired)?;
        let mut fresh = refresh_with(gateway, &refresh).await.map_err(|e| match e {
            Error::Timeout | Error::Transport { .. } | Error::RateLimited { .. } => e,
            _ => Error::SignInRequired,
        })?;
        if fresh.refresh_token.is_none() {
            fresh.refresh_token = Some(refresh);
        }
        let token = fresh.access_token.clone();
        *state = fresh;
        Ok(token)
    }
}

/// The refresh-token grant.
pub(crate) async fn refresh_with(
    gateway: &Gateway,
    refresh_token: &SecretString,
) -> Result<TokenSet, Error> {
    let cfg = gateway.config();
    let mut form = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose_secret()),
        ("client_id", cfg.client_id.as_str()),
    ];
    if let Some(s) = &cfg.client_secret {
        form.push(("client_secret", s.expose_secret()));
    }
    request_token(gateway, Grant::RefreshToken, &form).await
}

/// Where a [`HaloClient`](super::HaloClient) gets its bearer token.
#[derive(Clone)]
pub(crate) enum TokenSource {
    App(Arc<AppToken>),
    Agent(Arc<AgentToken>),
}

impl TokenSource {
    pub(crate) async fn get(
        &self,
        gateway: &Gateway,
        stale: Option<&SecretString>,
    ) -> Result<SecretString, Error> {
        match self {
            TokenSource::App(t) => t.get(gateway, stale).await,
            TokenSource::Agent(t) => t.get(gateway, stale).await,
        }
    }

    /// The error to give when Halo still answers 401 after a fresh token.
    pub(crate) fn unauthorized(&self) -> Error {
        match self {
            TokenSource::App(_) => Error::Unauthorized,
            TokenSource::Agent(_) => Error::SignInRequired,
        }
    }
}
