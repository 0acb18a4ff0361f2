//! Builds the HaloPSA gateway (the one place every upstream call passes) and the app's client, for a real
//! tenant or for the in-process simulator in demo mode.

use crate::settings::{refuse_clear_text, AuthMode, Settings, UpstreamSettings};
use crate::startup_error::StartupError;
use halo::client::{Discovery, Gateway, GatewayConfig, HaloClient};
use secrecy::SecretString;
use std::net::SocketAddr;
use std::time::Duration;
use url::Url;

/// The upstream side of a running Haloscope.
#[derive(Clone)]
pub struct Upstream {
    /// Shared by every caller: limiter, cache, metrics, connection pool.
    pub gateway: Gateway,
    /// The app's own client (service mode; in demo mode only for the readiness check); `None` in agent mode.
    pub app_client: Option<HaloClient>,
    /// How people sign in (demo mode: as a demo agent).
    pub mode: AuthMode,
    /// Running on the simulator.
    pub demo: bool,
}

/// Upstream request budget: no request to HaloPSA outlives it.
pub const REQUEST_BUDGET: Duration = Duration::from_secs(10);

impl Upstream {
    /// Sets up the gateway. `bound` is the address the listener got (demo mode calls itself on it).
    /// With `shared` (replicas), the budget, the 429 pause and cache invalidation are kept in Redis.
    pub fn build(
        settings: &Settings,
        bound: SocketAddr,
        shared: Option<crate::shared::Redis>,
    ) -> Result<Upstream, StartupError> {
        let (config, mode, demo) = match &settings.upstream {
            UpstreamSettings::Demo => {
                let ip = if bound.ip().is_unspecified() {
                    std::net::Ipv4Addr::LOCALHOST.into()
                } else {
                    bound.ip()
                };
                let base = format!("http://{}/_sim", SocketAddr::new(ip, bound.port()));
                let url =
                    |p: &str| Url::parse(&format!("{base}/{p}")).expect("loopback URL is valid");
                let mut config =
                    GatewayConfig::new(url("api"), url("auth"), halo_sim::DEMO_CLIENT_ID);
                config.tenant = Some(halo_sim::DEMO_TENANT.to_string());
                config.client_secret =
                    Some(SecretString::from(halo_sim::DEMO_CLIENT_SECRET.to_string()));
                // the simulator does not rate-limit in demo mode, and neither do we
                config.rate_limit = 0;
                config.connect_timeout = Duration::from_secs(3);
                (config, AuthMode::Agent, true)
            }
            UpstreamSettings::Tenant(t) => {
                let mut config =
                    GatewayConfig::new(t.api_url.clone(), t.auth_url.clone(), t.client_id.clone());
                config.tenant = t.tenant.clone();
                config.client_secret = t.client_secret.clone();
                config.scope = t.scope.clone();
                config.rate_limit = t.rate_limit;
                config.rate_window = t.rate_window;
                (config, t.auth_mode, false)
            }
        };
        let config = GatewayConfig {
            cache_ttl: settings.cache_ttl,
            stale_for: settings.stale_for,
            stale_bytes: settings.stale_bytes,
            request_timeout: REQUEST_BUDGET,
            request_budget: Some(REQUEST_BUDGET),
            ..config
        };
        let gateway = match shared {
            Some(redis) => Gateway::new_shared(config, std::sync::Arc::new(redis)),
            None => Gateway::new(config),
        }
        .map_err(|e| StartupError::Upstream(e.to_string()))?;
        let app_client = (mode == AuthMode::Service || demo).then(|| gateway.app_client());
        Ok(Upstream {
            gateway,
            app_client,
            mode,
            demo,
        })
    }

    /// Whether HaloPSA answers: the app gets a token (agent mode: the authorisation server answers).
    pub async fn ready(&self) -> Result<(), halo::Error> {
        match &self.app_client {
            Some(client) => client.check_token().await,
            None => self.gateway.probe().await,
        }
    }
}

/// With `HALO_URL` but no `HALO_AUTH_URL`, asks HaloPSA's `/api/authinfo` where its authorisation server
/// is and which tenant to name; a `HALO_TENANT` that was set wins over the one named. An install that does
/// not answer is signed in to at `HALO_URL/auth` (on premise: with no tenant), and the log says why.
pub async fn discover(settings: &mut Settings) -> Result<(), StartupError> {
    let UpstreamSettings::Tenant(t) = &mut settings.upstream else {
        return Ok(());
    };
    let Some(base) = t.discover_from.take() else {
        return Ok(());
    };
    match halo::client::discover(&base, Duration::from_secs(5)).await {
        Discovery::Found(found) => {
            t.auth_url = refuse_clear_text(found.auth_url, "HALO_URL", t.allow_http)?;
            if t.tenant.is_none() {
                t.tenant = found.tenant;
            }
            tracing::info!(auth_url = %t.auth_url, tenant = ?t.tenant, "HaloPSA named its authorisation server");
        }
        Discovery::Fallback { target, why } => {
            t.auth_url = target.auth_url;
            tracing::warn!(
                %why, auth_url = %t.auth_url, tenant = ?t.tenant,
                "HaloPSA's /api/authinfo did not say where to sign in, so Haloscope uses HALO_URL/auth \
                 (set HALO_AUTH_URL, and HALO_TENANT on hosted HaloPSA, to skip this question)"
            );
        }
    }
    Ok(())
}
