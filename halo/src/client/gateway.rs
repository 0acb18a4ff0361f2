//! The one place every upstream call passes: connection pool, rate limiter, read cache, metrics.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::cache::ReadCache;
use super::config::GatewayConfig;
use super::limiter::{CallClass, Limiter};
use super::retry::{decide, parse_retry_after, Decision, Method, Outcome};
use super::shared::{Quota, Shared};
use super::token::{AgentToken, AppToken, TokenSet, TokenSource};
use super::HaloClient;
use crate::Error;

/// One per tenant + client id: holds the HTTP client (connection reuse, HTTP/2 where offered,
/// timeouts), the outbound rate limiter shared by every token, the read cache, the app token
/// and the metrics. Cheap to clone.
#[derive(Clone)]
pub struct Gateway {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: GatewayConfig,
    http: reqwest::Client,
    limiter: Arc<Limiter>,
    cache: ReadCache,
    app_token: Arc<AppToken>,
    /// After a 429 every caller waits until this instant ("never hammer").
    paused_until: Mutex<Option<Instant>>,
    /// With replicas: the budget, the 429 pause and cache invalidation kept where all of them see it.
    shared: Option<(Shared, Quota)>,
    /// The budget's name: tenant (or API URL) + client id.
    budget_key: String,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("api_url", &self.inner.cfg.api_url.as_str())
            .field("tenant", &self.inner.cfg.tenant)
            .field("client_id", &self.inner.cfg.client_id)
            .finish_non_exhaustive()
    }
}

/// One HTTP request to the resource server.
pub(crate) struct Call<'a> {
    pub method: Method,
    /// Path under the API base, e.g. `Client/5`.
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub body: Option<&'a Value>,
    /// Low-cardinality label for metrics, e.g. `Client/{id}`.
    pub endpoint: &'a str,
}

/// The budget of one call of `class`: background calls may wait longer for their share.
fn budget_of(cfg: &GatewayConfig, class: CallClass) -> Option<Duration> {
    match class {
        CallClass::Interactive => cfg.request_budget,
        CallClass::Background => cfg.request_budget.map(|_| cfg.background_budget),
    }
}

/// A reply as received (status and body).
pub(crate) struct Reply {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

pub(crate) fn transport_error(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::Timeout;
    }
    let e = e.without_url();
    let message = if e.is_connect() {
        crate::error::CONNECT_FAILED.to_owned()
    } else if e.is_body() || e.is_decode() {
        "the reply was cut off".to_owned()
    } else {
        "the request failed".to_owned()
    };
    Error::Transport { message }
}

impl Gateway {
    /// Builds the gateway. Create one per tenant + client id and share it.
    pub fn new(cfg: GatewayConfig) -> Result<Self, Error> {
        Self::build(cfg, None)
    }

    /// Builds a gateway whose budget, 429 pause and cache invalidation live in `shared`, so that every
    /// replica built with the same store keeps to one budget.
    pub fn new_shared(cfg: GatewayConfig, shared: Shared) -> Result<Self, Error> {
        Self::build(cfg, Some(shared))
    }

    fn build(cfg: GatewayConfig, shared: Option<Shared>) -> Result<Self, Error> {
        if cfg.client_id.trim().is_empty() {
            return Err(Error::Config {
                message: "the HaloPSA client id is empty".to_owned(),
            });
        }
        for (name, url) in [("API URL", &cfg.api_url), ("auth URL", &cfg.auth_url)] {
            if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
                return Err(Error::Config {
                    message: format!("the HaloPSA {name} must be an http(s) URL"),
                });
            }
        }
        let http = cfg.http_client().ok_or_else(|| Error::Config {
            message: "the HTTP client could not be built".to_owned(),
        })?;
        metrics::counter!("halo_http_clients_built_total", "kind" => "shared").increment(1);
        let key = format!(
            "{}|{}",
            cfg.tenant.as_deref().unwrap_or(cfg.api_url.as_str()),
            cfg.client_id
        );
        let limiter = Limiter::shared(&key, cfg.rate_limit, cfg.rate_window, cfg.background_share);
        let shared = shared.map(|s| (s, Quota::of(&cfg)));
        let cache = ReadCache::new(
            cfg.cache_ttl,
            cfg.cache_capacity,
            cfg.stale_for,
            cfg.stale_bytes,
        );
        Ok(Self {
            inner: Arc::new(Inner {
                cfg,
                http,
                limiter,
                cache,
                app_token: Arc::new(AppToken::new()),
                paused_until: Mutex::new(None),
                shared,
                budget_key: key,
            }),
        })
    }

    /// The configuration this gateway was built with.
    pub fn config(&self) -> &GatewayConfig {
        &self.inner.cfg
    }

    /// The HTTP client for a call made on this thread: a request thread's own (`pinned`), else the shared one.
    pub(crate) fn http(&self) -> reqwest::Client {
        let cfg = &self.inner.cfg;
        super::pinned::client_for(&self.inner, || cfg.http_client())
            .unwrap_or_else(|| self.inner.http.clone())
    }

    /// A client acting as the API application (client credentials; token shared and cached).
    pub fn app_client(&self) -> HaloClient {
        HaloClient::new(
            self.clone(),
            TokenSource::App(self.inner.app_token.clone()),
            "app".into(),
            CallClass::Interactive,
        )
    }

    /// A client acting as a signed-in agent. `principal` identifies the agent (it keys the read
    /// cache); read [`HaloClient::tokens`] after calls to persist refreshed tokens.
    pub fn agent_client(&self, principal: impl Into<String>, tokens: TokenSet) -> HaloClient {
        let principal: String = principal.into();
        HaloClient::new(
            self.clone(),
            TokenSource::Agent(Arc::new(AgentToken::new(tokens))),
            format!("agent:{principal}").into(),
            CallClass::Interactive,
        )
    }

    /// Forgets cached replies of an entity (e.g. `Client`) for every principal, here and (with replicas)
    /// on every other replica: the message is sent before this returns, so a read through another
    /// replica right after the write does not find the old reply.
    pub async fn invalidate(&self, entity: &'static str) {
        self.inner.cache.invalidate(entity);
        if let Some((shared, _)) = &self.inner.shared {
            if let Err(e) = shared.invalidated(entity).await {
                tracing::error!(entity, error = %e, "could not tell the other replicas about a write");
            }
        }
    }

    /// Forgets this replica's cached replies of the entity called `entity` (another replica wrote it).
    pub fn invalidate_here(&self, entity: &str) {
        self.inner.cache.invalidate_named(entity);
    }

    /// Forgets every cached reply of this replica (it may have missed other replicas' writes).
    pub fn invalidate_all_here(&self) {
        self.inner.cache.invalidate_all();
    }

    /// With replicas, the state they share.
    pub(crate) fn shared(&self) -> Option<&Shared> {
        self.inner.shared.as_ref().map(|(s, _)| s)
    }

    /// The name of this gateway's HaloPSA application: tenant (or API URL) + client id.
    pub(crate) fn budget_key(&self) -> &str {
        &self.inner.budget_key
    }

    /// The read cache shared by every client of this gateway.
    pub(crate) fn cache(&self) -> &ReadCache {
        &self.inner.cache
    }

    /// Waits out a 429 pause; `Err(left)` at once when the pause would outlast `deadline`.
    async fn wait_if_paused(&self, deadline: Option<Instant>) -> Result<(), Duration> {
        loop {
            let until = *self
                .inner
                .paused_until
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            match until {
                Some(t) if t > Instant::now() => {
                    if deadline.is_some_and(|d| t >= d) {
                        return Err(t - Instant::now());
                    }
                    tokio::time::sleep_until(t.into()).await
                }
                _ => return Ok(()),
            }
        }
    }

    /// Holds every caller, on every replica, for `d` after HaloPSA answered 429.
    async fn pause_everyone(&self, d: Duration) {
        self.pause_for(d);
        if let Some((shared, _)) = &self.inner.shared {
            if let Err(e) = shared.pause(&self.inner.budget_key, d).await {
                tracing::error!(error = %e, "could not tell the other replicas to pause");
            }
        }
    }

    fn pause_for(&self, d: Duration) {
        let t = Instant::now() + d;
        let mut p = self
            .inner
            .paused_until
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if p.is_none_or(|old| old < t) {
            *p = Some(t);
        }
    }

    /// Lets a call (attempt) go: answers at once while Halo has asked us to back off (a new
    /// interactive call with a budget, or an optional one), else waits out the pause and the
    /// limiter within `deadline`.
    async fn admit(
        &self,
        class: CallClass,
        deadline: Option<Instant>,
        first_attempt: bool,
        optional: bool,
    ) -> Result<(), Error> {
        let answer_at_once =
            optional || (deadline.is_some() && first_attempt && class == CallClass::Interactive);
        if let Some((shared, quota)) = &self.inner.shared {
            let key = &self.inner.budget_key;
            return super::shared::admit(&**shared, key, *quota, class, deadline, answer_at_once)
                .await;
        }
        if answer_at_once {
            // A new call while Halo has asked us to back off answers at once instead of queueing.
            let paused = *self
                .inner
                .paused_until
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if let Some(until) = paused.filter(|u| *u > Instant::now()) {
                return Err(Error::rate_limited(Some(until - Instant::now())));
            }
        }
        self.wait_if_paused(deadline)
            .await
            .map_err(|left| Error::rate_limited(Some(left)))?;
        self.inner
            .limiter
            .acquire(class, deadline)
            .await
            .map_err(|wait| Error::rate_limited(Some(wait)))
    }

    /// One HTTP attempt, within what is left of `deadline`.
    async fn attempt(
        &self,
        call: &Call<'_>,
        url: &url::Url,
        token: &SecretString,
        deadline: Option<Instant>,
    ) -> Result<Reply, Error> {
        let cfg = &self.inner.cfg;
        let http = self.http();
        let mut req = match call.method {
            Method::Get => http.get(url.clone()),
            Method::Post => http.post(url.clone()),
            Method::Delete => http.delete(url.clone()),
        };
        req = req
            .bearer_auth(token.expose_secret())
            .header(reqwest::header::ACCEPT, "application/json");
        if !call.query.is_empty() {
            req = req.query(call.query);
        }
        if let Some(b) = call.body {
            req = req.json(b);
        }
        if let Some(dl) = deadline {
            let left = dl.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Error::Timeout);
            }
            req = req.timeout(left.min(cfg.request_timeout));
        }
        match req.send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let retry_after =
                    parse_retry_after(resp.headers().get(reqwest::header::RETRY_AFTER));
                match resp.bytes().await {
                    Ok(b) => Ok(Reply {
                        status,
                        retry_after,
                        body: b.to_vec(),
                    }),
                    Err(e) => Err(transport_error(e)),
                }
            }
            Err(e) => Err(transport_error(e)),
        }
    }

    /// Sends one call of `class` with the bearer token: waits for the limiter (and any 429
    /// pause) within the call's budget, retries per [`decide`], records metrics. Returns the
    /// final reply, or a rate-limit, transport or timeout error. An `optional` call is not made
    /// during a pause and is not retried after a 429 (it sets the pause for the others).
    pub(crate) async fn send(
        &self,
        call: &Call<'_>,
        token: &SecretString,
        class: CallClass,
        optional: bool,
    ) -> Result<Reply, Error> {
        let cfg = &self.inner.cfg;
        let url = GatewayConfig::join(&cfg.api_url, call.path);
        let mut retry = 0u32;
        // With a request budget, no call outlives it: a call made while paused answers at once,
        // each attempt gets only the time left, and no retry starts that could not finish.
        let deadline = budget_of(cfg, class).map(|b| Instant::now() + b);
        loop {
            self.admit(class, deadline, retry == 0, optional).await?;
            let started = Instant::now();
            let result = self.attempt(call, &url, token, deadline).await;
            let outcome = record(call, class, &result, started.elapsed().as_secs_f64());
            let retry_after = result.as_ref().ok().and_then(|r| r.retry_after);
            match decide(
                &cfg.retry,
                call.method,
                outcome,
                retry,
                retry_after,
                rand::random::<f64>(),
            ) {
                Decision::Stop => {
                    // HaloPSA asked for a longer wait than Haloscope retries through: every
                    // caller still honours it rather than meet the same 429.
                    if let (Outcome::Status(429), Some(d)) = (outcome, retry_after) {
                        self.pause_everyone(d).await;
                    }
                    return result;
                }
                Decision::RetryAfter(d) if optional && outcome == Outcome::Status(429) => {
                    self.pause_everyone(d).await;
                    return Err(Error::rate_limited(Some(d)));
                }
                Decision::RetryAfter(d) if deadline.is_some_and(|dl| Instant::now() + d >= dl) => {
                    if outcome == Outcome::Status(429) {
                        self.pause_everyone(d).await;
                        return Err(Error::rate_limited(Some(d)));
                    }
                    return result;
                }
                Decision::RetryAfter(d) => {
                    tracing::debug!(
                        endpoint = call.endpoint,
                        ?outcome,
                        wait_ms = d.as_millis() as u64,
                        "retrying HaloPSA call"
                    );
                    if outcome == Outcome::Status(429) {
                        self.pause_everyone(d).await;
                    } else {
                        tokio::time::sleep(d).await;
                    }
                    retry += 1;
                }
            }
        }
    }
}

/// Counts an attempt in the metrics; its outcome for [`decide`].
fn record(
    call: &Call<'_>,
    class: CallClass,
    result: &Result<Reply, Error>,
    elapsed: f64,
) -> Outcome {
    let method_label = match call.method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Delete => "DELETE",
    };
    let (outcome, status_label) = match result {
        Ok(r) => (Outcome::Status(r.status), r.status.to_string()),
        Err(Error::Timeout) => (Outcome::Timeout, "timeout".to_owned()),
        Err(_) => (Outcome::Transport, "transport".to_owned()),
    };
    metrics::counter!("halo_upstream_requests_total", "endpoint" => call.endpoint.to_owned(), "method" => method_label, "status" => status_label, "class" => class.label()).increment(1);
    metrics::histogram!("halo_upstream_request_seconds", "endpoint" => call.endpoint.to_owned(), "method" => method_label).record(elapsed);
    if outcome == Outcome::Status(429) {
        metrics::counter!("halo_upstream_429_total", "endpoint" => call.endpoint.to_owned())
            .increment(1);
    }
    outcome
}
