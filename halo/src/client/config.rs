//! Settings of a [`Gateway`](super::Gateway).

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::retry::RetryPolicy;

/// Halo's documented hosted limit: 300 requests per rolling 5 minutes.
pub const DEFAULT_RATE_LIMIT: u32 = 300;
/// Percent of the budget background calls may use (see [`GatewayConfig::background_share`]).
pub const DEFAULT_BACKGROUND_SHARE: u8 = 50;
/// The rolling window Halo counts requests over.
pub const DEFAULT_RATE_WINDOW: Duration = Duration::from_secs(300);

/// Everything a [`Gateway`](super::Gateway) needs: where Halo lives, who Haloscope is, and how
/// politely to talk to it. `Debug` never shows the secret.
#[derive(Clone, Debug)]
pub struct GatewayConfig {
    /// The resource server, e.g. `https://acme.halopsa.com/api`.
    pub api_url: Url,
    /// The authorisation server, e.g. `https://acme.halopsa.com/auth` (token = `{auth_url}/token`).
    pub auth_url: Url,
    /// Hosted tenant name, sent as `?tenant=` on auth calls; `None` on-premise.
    pub tenant: Option<String>,
    /// The API application's client id.
    pub client_id: String,
    /// The API application's secret (client credentials); `None` for a public PKCE-only app.
    pub client_secret: Option<SecretString>,
    /// Space-separated scopes for the app token, e.g. `all`.
    pub scope: String,
    /// Outbound budget per `rate_window` (`HALO_RATE_LIMIT`, default 300); 0 turns the limiter off.
    pub rate_limit: u32,
    /// The rolling window the budget applies to (Halo: 5 minutes).
    pub rate_window: Duration,
    /// How long successful GET replies are reused; zero turns the read cache off.
    pub cache_ttl: Duration,
    /// Most entries the read cache holds.
    pub cache_capacity: u64,
    /// How long past `cache_ttl` a read is kept to answer with, marked, while HaloPSA is down, slow or
    /// busy (stale-if-error); zero keeps nothing.
    pub stale_for: Duration,
    /// The memory (estimated from the replies' sizes, in bytes) those kept reads may take.
    pub stale_bytes: u64,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Whole-request timeout.
    pub request_timeout: Duration,
    /// Retry and back-off behaviour.
    pub retry: RetryPolicy,
    /// The most time one call may take, waits and retries included (`None`: no limit beyond the
    /// per-attempt `request_timeout`). A web page sets it so no request outlives its budget.
    pub request_budget: Option<Duration>,
    /// Percent of `rate_limit` that background calls (exports, bulk jobs) may use over any
    /// window (default 50); they also never take the page views' reserve of the burst.
    pub background_share: u8,
    /// The most time one background call may take, its wait for the budget included (default
    /// 60 s): background work waits for its share where a page view would give up.
    pub background_budget: Duration,
}

impl GatewayConfig {
    /// An HTTP client with these timeouts: connection reuse, no redirects followed (`None`: it could not
    /// be built). The gateway's shared one and each request thread's own (`pinned.rs`) are made here.
    pub(crate) fn http_client(&self) -> Option<reqwest::Client> {
        reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.request_timeout)
            .pool_idle_timeout(Duration::from_secs(90))
            .user_agent(concat!("Haloscope/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .ok()
    }

    /// A configuration with Haloscope's defaults: scope `all`, 300 requests per 5 minutes,
    /// cache off (and so no stale-if-error), 5 s connect and 30 s request timeouts.
    pub fn new(api_url: Url, auth_url: Url, client_id: impl Into<String>) -> Self {
        Self {
            api_url,
            auth_url,
            tenant: None,
            client_id: client_id.into(),
            client_secret: None,
            scope: "all".to_owned(),
            rate_limit: DEFAULT_RATE_LIMIT,
            rate_window: DEFAULT_RATE_WINDOW,
            cache_ttl: Duration::ZERO,
            cache_capacity: 10_000,
            stale_for: Duration::ZERO,
            stale_bytes: 64 << 20,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            request_budget: None,
            background_share: DEFAULT_BACKGROUND_SHARE,
            background_budget: Duration::from_secs(60),
        }
    }

    /// The calls per second background work (exports, bulk jobs) may make at most over a window: its
    /// share of the budget spread over the window. `None` when there is no budget (`rate_limit` 0).
    pub fn background_calls_per_sec(&self) -> Option<f64> {
        if self.rate_limit == 0 || self.rate_window.is_zero() {
            return None;
        }
        let share = super::limiter::background_budget(self.rate_limit, self.background_share);
        Some(f64::from(share) / self.rate_window.as_secs_f64())
    }

    /// Builds `{base}/{segments…}` keeping the base path (`…/api` + `Client/5`).
    pub(crate) fn join(base: &Url, path: &str) -> Url {
        let mut url = base.clone();
        let joined = format!(
            "{}/{}",
            url.path().trim_end_matches('/'),
            path.trim_start_matches('/')
        );
        url.set_path(&joined);
        url.set_query(None);
        url
    }

    /// The token endpoint, with `?tenant=` when hosted.
    pub(crate) fn token_url(&self) -> Url {
        let mut url = Self::join(&self.auth_url, "token");
        if let Some(t) = self.tenant.as_deref().filter(|t| !t.is_empty()) {
            url.query_pairs_mut().append_pair("tenant", t);
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::GatewayConfig;
    use std::time::Duration;

    fn config(limit: u32, window: Duration, share: u8) -> GatewayConfig {
        let url = url::Url::parse("http://127.0.0.1:1/api").unwrap();
        GatewayConfig {
            rate_limit: limit,
            rate_window: window,
            background_share: share,
            ..GatewayConfig::new(url.clone(), url, "id")
        }
    }

    #[test]
    fn background_work_may_use_its_share_of_the_budget_spread_over_the_window() {
        let default = config(300, Duration::from_secs(300), 50);
        assert_eq!(default.background_calls_per_sec(), Some(0.5));
        assert_eq!(
            config(600, Duration::from_secs(60), 25).background_calls_per_sec(),
            Some(2.5)
        );
        assert_eq!(
            config(0, Duration::from_secs(300), 50).background_calls_per_sec(),
            None
        );
    }
}
