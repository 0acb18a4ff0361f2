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

use super::config::GatewayConfig;
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

/// The shortest and longest access-token lifetimes believed: Halo's `expires_in` is clamped to
/// these, so zero, negative or absurd values (`1e13`) neither panic nor disable renewal.
const LIFETIME_BOUNDS: (f64, f64) = (10.0, 366.0 * 24.0 * 3600.0);

/// How long token requests may take altogether, retries included, when the gateway sets no
/// request budget.
const TOKEN_BUDGET: Duration = Duration::from_secs(10);

/// One token request that did not give a token: the error, and how it ended (for the retry).
struct Failed {
    error: Error,
    outcome: super::retry::Outcome,
}

impl From<Error> for Failed {
    fn from(error: Error) -> Self {
        let outcome = match error {
            Error::Timeout => super::retry::Outcome::Timeout,
            _ => super::retry::Outcome::Transport,
        };
        Failed { error, outcome }
    }
}

/// Posts a form to the token endpoint and reads the token set, retrying a 429, a 5xx, a timeout or
/// a broken connection with back-off (the gateway's retry policy) while the request budget lasts:
/// trouble at HaloPSA's token endpoint is not a sign-out. Errors never include the form, the
/// reply's tokens or the secret.
pub(crate) async fn request_token(
    gateway: &Gateway,
    grant: Grant,
    form: &[(&str, &str)],
) -> Result<TokenSet, Error> {
    use super::retry::{decide, Decision, Method};
    let cfg = gateway.config();
    let deadline =
        tokio::time::Instant::now() + cfg.request_budget.unwrap_or(TOKEN_BUDGET).min(TOKEN_BUDGET);
    let mut retry = 0;
    loop {
        let failed = match attempt(gateway, grant, form).await {
            Ok(set) => return Ok(set),
            Err(f) => f,
        };
        // a token request changes nothing at HaloPSA, so it is retried as a read is
        let jitter: f64 = rand::random();
        match decide(&cfg.retry, Method::Get, failed.outcome, retry, None, jitter) {
            Decision::RetryAfter(wait) if tokio::time::Instant::now() + wait < deadline => {
                tracing::info!(
                    grant = grant.label(),
                    retry,
                    "retrying the HaloPSA token request"
                );
                tokio::time::sleep(wait).await;
                retry += 1;
            }
            _ => return Err(failed.error),
        }
    }
}

/// One token request.
async fn attempt(
    gateway: &Gateway,
    grant: Grant,
    form: &[(&str, &str)],
) -> Result<TokenSet, Failed> {
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
            return Err(e.into());
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
        let error = refusal(grant, status, &code, &cfg.scope);
        return Err(Failed {
            error,
            outcome: super::retry::Outcome::Status(status),
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
    Ok(token_set(reply))
}

/// What a refused token request means. Only `invalid_grant` (or a bare 400/401 to a refresh or
/// code exchange: the grant is gone) asks the person to sign in again; a 429 or a 5xx is
/// HaloPSA's trouble, not the person's.
fn refusal(grant: Grant, status: u16, code: &str, scope: &str) -> Error {
    let user_grant = matches!(grant, Grant::RefreshToken | Grant::AuthorizationCode);
    match (status, code) {
        (_, "invalid_scope") => Error::ScopeRefused {
            scope: scope.to_owned(),
        },
        (_, "invalid_grant") | (400 | 401, "") if user_grant => Error::SignInRequired,
        (400 | 401 | 403, _) => Error::Unauthorized,
        (429, _) => Error::rate_limited(None),
        _ => Error::Upstream {
            status,
            excerpt: crate::error::excerpt(code, 80),
        },
    }
}

/// The token set of a reply, its lifetime clamped to [`LIFETIME_BOUNDS`].
fn token_set(reply: TokenReply) -> TokenSet {
    let expires_in = match reply.expires_in {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    TokenSet {
        access_token: SecretString::from(reply.access_token),
        refresh_token: reply
            .refresh_token
            .filter(|t| !t.is_empty())
            .map(SecretString::from),
        expires_at: expires_in
            .filter(|s| s.is_finite())
            .map(|s| s.clamp(LIFETIME_BOUNDS.0, LIFETIME_BOUNDS.1))
            .map(|s| Utc::now() + chrono::Duration::milliseconds((s * 1000.0) as i64)),
        id_token: reply
            .id_token
            .filter(|t| !t.is_empty())
            .map(SecretString::from),
        scope: reply.scope,
    }
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
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", cfg.client_id.as_str()),
            ("client_secret", secret.expose_secret()),
            ("scope", cfg.scope.as_str()),
        ];
        let fetch = || request_token(gateway, Grant::ClientCredentials, &form);
        let set = match gateway.shared() {
            Some(shared) => {
                let key = gateway.budget_key();
                super::token_sharing::app_token(&**shared, key, stale, fetch).await?
            }
            None => fetch().await?,
        };
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
        // only a refused grant signs the agent out (see `refusal`); HaloPSA's trouble stays its own
        let fetch = || refresh_with(gateway, &refresh);
        let mut fresh = match gateway.shared() {
            Some(shared) => super::token_sharing::refreshed(&**shared, &refresh, fetch).await?,
            None => fetch().await?,
        };
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
    let fields = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose_secret()),
    ];
    let form = agent_form(gateway.config(), &fields);
    request_token(gateway, Grant::RefreshToken, &form).await
}

/// The form of an agent's grant (authorisation code or refresh token): `fields`, sent as this app,
/// with its `client_id` and its secret when it has one (a confidential client).
pub(crate) fn agent_form<'a>(
    cfg: &'a GatewayConfig,
    fields: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = fields.to_vec();
    form.push(("client_id", cfg.client_id.as_str()));
    if let Some(s) = &cfg.client_secret {
        form.push(("client_secret", s.expose_secret()));
    }
    form
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
