//! The validated settings Haloscope runs with, from the settings declared in `cli` (flags, environment
//! variables and the optional TOML file). Demo mode is chosen only when no HaloPSA setting is given anywhere
//! and no `HALO_*` variable is set; a partial HaloPSA configuration is an error, never a silent fall-back
//! to demo data.

pub mod parse;
#[cfg(test)]
mod tests;

use crate::cli::{raw, Cli, FileSettings, Given, LogFormat, DECLARED};
use crate::startup_error::StartupError;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use url::Url;

/// Everything the server needs, validated.
#[derive(Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub public_url: Option<Url>,
    pub data_dir: PathBuf,
    pub cache_ttl: Duration,
    /// How long past `cache_ttl` reads are kept for stale-if-error (zero: not kept).
    pub stale_for: Duration,
    /// The memory those kept reads may take, in bytes.
    pub stale_bytes: u64,
    pub log_format: LogFormat,
    pub metrics_token: Option<String>,
    /// Demo mode: mount the simulator's fault control.
    pub demo_fault_control: bool,
    pub upstream: UpstreamSettings,
    pub sessions: SessionSettings,
    pub audit_log: AuditTarget,
    pub trusted_proxies: crate::client_ip::TrustedProxies,
    /// How old a person's data health report may get before their next visit walks again.
    pub health_interval: Duration,
    /// Replicas: the Redis they share; `None`: this process keeps everything itself.
    pub redis: Option<RedisSettings>,
}

/// Where replicas keep what they share.
#[derive(Debug)]
pub struct RedisSettings {
    /// `redis://` or `rediss://`; it may hold a password.
    pub url: SecretString,
    /// Put before every key (`haloscope:` by default).
    pub prefix: String,
}

/// Session lifetimes and the token-encryption key.
#[derive(Debug)]
pub struct SessionSettings {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however much it is used.
    pub max: Duration,
    /// The configured key (base64 of 32 bytes); `None`: the key file in the data directory.
    pub key: Option<SecretString>,
}

/// Where audit lines go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditTarget {
    Stdout,
    File(PathBuf),
}

/// Where HaloPSA is.
#[derive(Debug)]
pub enum UpstreamSettings {
    /// No HaloPSA settings: the in-process simulator under `/_sim`.
    Demo,
    /// A real tenant.
    Tenant(Box<TenantSettings>),
}

/// How the tenant is reached and signed in to.
#[derive(Debug)]
pub struct TenantSettings {
    pub api_url: Url,
    pub auth_url: Url,
    pub tenant: Option<String>,
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub scope: String,
    pub auth_mode: AuthMode,
    pub rate_limit: u32,
    /// The rolling window `rate_limit` counts over.
    pub rate_window: Duration,
    /// `HALO_URL` when `HALO_AUTH_URL` was not given: start-up asks its `/api/authinfo` for the
    /// authorisation server and tenant (see [`crate::upstream::discover`]).
    pub discover_from: Option<Url>,
    /// `HALO_ALLOW_HTTP`: an `http://` HaloPSA that is not on this machine was meant.
    pub allow_http: bool,
}

/// Who makes the upstream calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// The app's client credentials; staff sign in to Haloscope itself.
    Service,
    /// Each person signs in with HaloPSA; calls run as that agent.
    Agent,
}

/// The `HALO_*` environment variables Haloscope knows: the declared ones.
fn known_halo_vars() -> impl Iterator<Item = &'static str> {
    DECLARED
        .iter()
        .map(|(_, env)| *env)
        .filter(|env| env.starts_with("HALO_"))
}

/// An environment variable that looks like a HaloPSA setting but is none is refused (a typo would
/// otherwise silently mean demo mode or a missing setting).
fn refuse_unknown_halo_vars(env_names: &[String]) -> Result<(), StartupError> {
    match env_names
        .iter()
        .find(|n| n.starts_with("HALO_") && !known_halo_vars().any(|k| k == n.as_str()))
    {
        None => Ok(()),
        Some(unknown) => Err(StartupError::BadSetting {
            setting: "HALO_*",
            reason: format!(
                "{unknown} is not a Haloscope setting (known: {})",
                known_halo_vars().collect::<Vec<_>>().join(", ")
            ),
        }),
    }
}

fn file_of(cli: &Cli) -> Result<FileSettings, StartupError> {
    match &cli.config {
        Some(path) => read_file(path),
        None => Ok(FileSettings::default()),
    }
}

/// The data directory alone (for `haloscope user …`, which must work whatever the HaloPSA settings say):
/// `--data-dir`/`HALOSCOPE_DATA_DIR`, then the `--config` file's `data_dir`, then `./haloscope-data`.
pub fn data_dir_only(cli: &Cli) -> Result<PathBuf, StartupError> {
    let file = file_of(cli)?;
    Ok(data_dir_or_default(
        raw(cli.data_dir.as_deref(), file.data_dir.as_ref()).map(PathBuf::from),
    ))
}

/// Where audit lines go, for the `user` commands (which read nothing but the data directory settings):
/// the same rule as [`Settings::resolve`].
pub fn audit_target_only(cli: &Cli, data_dir: &Path) -> Result<AuditTarget, StartupError> {
    let file = file_of(cli)?;
    Ok(audit_target(
        raw(cli.audit_log.as_deref(), file.audit_log.as_ref()),
        data_dir,
    ))
}

/// `-` is standard output, anything else a file; by default `<data_dir>/audit.jsonl`.
fn audit_target(raw: Option<String>, data_dir: &Path) -> AuditTarget {
    match raw {
        Some(v) if v.trim() == "-" => AuditTarget::Stdout,
        Some(v) => AuditTarget::File(PathBuf::from(v.trim())),
        None => AuditTarget::File(data_dir.join("audit.jsonl")),
    }
}

fn data_dir_or_default(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| PathBuf::from("./haloscope-data"))
}

impl Settings {
    /// Merges `cli` (flags and environment, already merged by clap) over the file it names, then validates.
    /// `env_names` are the names of the process's environment variables (to spot unknown `HALO_*` ones).
    pub fn resolve(cli: Cli, env_names: &[String]) -> Result<Settings, StartupError> {
        refuse_unknown_halo_vars(env_names)?;
        let file = file_of(&cli)?;
        let demo_fault_control = cli.demo_fault_control || file.demo_fault_control == Some(true);
        let mut given = Given::merge(&cli, &file)?;
        let any_halo = given.given_names().iter().any(|n| n.starts_with("HALO_"))
            || env_names.iter().any(|n| n.starts_with("HALO_"));
        let upstream = if any_halo {
            UpstreamSettings::Tenant(Box::new(tenant(&mut given)?))
        } else {
            UpstreamSettings::Demo
        };
        if let UpstreamSettings::Tenant(t) = &upstream {
            if t.auth_mode == AuthMode::Agent && given.public_url.is_none() {
                return Err(missing(
                    "HALOSCOPE_PUBLIC_URL",
                    "agent mode sends people to HaloPSA to sign in, and HaloPSA sends them back to HALOSCOPE_PUBLIC_URL/auth/callback",
                ));
            }
        }
        if demo_fault_control && !matches!(upstream, UpstreamSettings::Demo) {
            return Err(StartupError::bad(
                "HALOSCOPE_DEMO_FAULT_CONTROL",
                "fault injection exists only in demo mode (with no HALO_* setting)",
            ));
        }
        let data_dir = data_dir_or_default(given.data_dir.take());
        Ok(Settings {
            listen: given
                .listen
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000))),
            public_url: given.public_url.take(),
            cache_ttl: given.cache_ttl.unwrap_or(Duration::from_secs(30)),
            stale_for: given.stale_for.unwrap_or(Duration::from_secs(24 * 3600)),
            stale_bytes: given.stale_memory.unwrap_or(64) << 20,
            log_format: given.log_format.unwrap_or_default(),
            metrics_token: given.metrics_token.take(),
            demo_fault_control,
            upstream,
            sessions: sessions(&mut given)?,
            audit_log: audit_target(given.audit_log.take(), &data_dir),
            trusted_proxies: crate::client_ip::TrustedProxies(
                given.trusted_proxies.take().unwrap_or_default(),
            ),
            health_interval: given.health_interval.unwrap_or(Duration::from_secs(3600)),
            redis: given.redis_url.take().map(|url| RedisSettings {
                url: SecretString::from(url.to_string()),
                prefix: given
                    .redis_prefix
                    .take()
                    .unwrap_or_else(|| "haloscope:".into()),
            }),
            data_dir,
        })
    }

    /// How people sign in: demo mode signs in as a demo agent on the simulator's sign-in page.
    pub fn auth_mode(&self) -> AuthMode {
        match &self.upstream {
            UpstreamSettings::Demo => AuthMode::Agent,
            UpstreamSettings::Tenant(t) => t.auth_mode,
        }
    }

    /// Whether people reach Haloscope over HTTPS (Secure `__Host-` cookie, HSTS).
    pub fn https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https")
    }

    /// HaloPSA's own web address (the resource server without its `/api`), for "open in HaloPSA" links.
    pub fn halo_web_url(&self) -> Option<String> {
        match &self.upstream {
            UpstreamSettings::Demo => None,
            UpstreamSettings::Tenant(t) => {
                let api = t.api_url.as_str().trim_end_matches('/');
                Some(api.strip_suffix("/api").unwrap_or(api).to_string())
            }
        }
    }

    /// The OAuth scope configured for HaloPSA (`all` by default and in demo mode).
    pub fn halo_scope(&self) -> String {
        match &self.upstream {
            UpstreamSettings::Demo => "all".into(),
            UpstreamSettings::Tenant(t) => t.scope.clone(),
        }
    }

    /// True when running on the built-in simulator.
    pub fn is_demo(&self) -> bool {
        matches!(self.upstream, UpstreamSettings::Demo)
    }
}

/// Session lifetimes (the longest at least the idle one) and the key.
fn sessions(given: &mut Given) -> Result<SessionSettings, StartupError> {
    let idle = given.session_idle.unwrap_or(Duration::from_secs(8 * 3600));
    let max = given.session_max.unwrap_or(Duration::from_secs(7 * 86_400));
    if max < idle {
        return Err(StartupError::bad(
            "HALOSCOPE_SESSION_MAX",
            "must not be shorter than HALOSCOPE_SESSION_IDLE",
        ));
    }
    Ok(SessionSettings {
        idle,
        max,
        key: given.session_key.take().map(SecretString::from),
    })
}

/// The tenant: its URLs (derived from `HALO_URL` unless given), credentials and sign-in mode.
fn tenant(given: &mut Given) -> Result<TenantSettings, StartupError> {
    let base = given.halo_url.take();
    let allow_http = given.halo_allow_http.unwrap_or(false);
    let api_url = match (given.halo_api_url.take(), &base) {
        (Some(u), _) => refuse_clear_text(u, "HALO_API_URL", allow_http)?,
        (None, Some(b)) => halo::client::discovery::join(b, "api"),
        (None, None) => return Err(missing("HALO_URL", "it locates the resource server")),
    };
    let (auth_url, discover_from) = match (given.halo_auth_url.take(), &base) {
        (Some(u), _) => (refuse_clear_text(u, "HALO_AUTH_URL", allow_http)?, None),
        (None, Some(b)) => (halo::client::discovery::join(b, "auth"), Some(b.clone())),
        (None, None) => return Err(missing("HALO_URL", "it locates the authorisation server")),
    };
    if let Some(b) = &base {
        refuse_clear_text(b.clone(), "HALO_URL", allow_http)?;
    }
    let client_id = given
        .halo_client_id
        .take()
        .ok_or_else(|| missing("HALO_CLIENT_ID", "the API application's client id"))?;
    let client_secret = match (
        given.halo_client_secret.take(),
        given.halo_client_secret_file.take(),
    ) {
        (Some(_), Some(_)) => {
            return Err(StartupError::bad(
                "HALO_CLIENT_SECRET_FILE",
                "set either HALO_CLIENT_SECRET or HALO_CLIENT_SECRET_FILE, not both",
            ))
        }
        (Some(s), None) => Some(SecretString::from(s)),
        (None, Some(path)) => Some(read_secret_file(&path)?),
        (None, None) => None,
    };
    let auth_mode = given.halo_auth_mode.unwrap_or(if client_secret.is_some() {
        AuthMode::Service
    } else {
        AuthMode::Agent
    });
    if auth_mode == AuthMode::Service && client_secret.is_none() {
        return Err(missing(
            "HALO_CLIENT_SECRET",
            "service mode signs in with the app's client id and secret; or HALO_CLIENT_SECRET_FILE",
        ));
    }
    Ok(TenantSettings {
        api_url,
        auth_url,
        tenant: given.halo_tenant.take(),
        client_id,
        client_secret,
        scope: given.halo_scope.take().unwrap_or_else(|| "all".into()),
        auth_mode,
        rate_limit: given.halo_rate_limit.unwrap_or(300),
        rate_window: given
            .halo_rate_window
            .unwrap_or(halo::client::DEFAULT_RATE_WINDOW),
        discover_from,
        allow_http,
    })
}

/// `url` unless it is `http://` to another machine and `HALO_ALLOW_HTTP` is not set: the client secret,
/// authorisation codes and every token would cross the network readable by anyone on the way.
pub fn refuse_clear_text(
    url: Url,
    setting: &'static str,
    allow_http: bool,
) -> Result<Url, StartupError> {
    if url.scheme() != "http" || allow_http || is_loopback(&url) {
        return Ok(url);
    }
    Err(StartupError::bad(
        setting,
        format!(
            "{url} is plain http:// to another machine, so the client secret and people's HaloPSA tokens \
             would cross the network unencrypted; use https://, or set HALO_ALLOW_HTTP=true if that is \
             intended (e.g. an on-premise HaloPSA on a closed network)"
        ),
    ))
}

/// Whether `url` names this machine: `localhost` (or a name under it) or a loopback address.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn missing(setting: &'static str, reason: &str) -> StartupError {
    StartupError::Missing {
        setting,
        reason: reason.into(),
    }
}

fn read_file(path: &Path) -> Result<FileSettings, StartupError> {
    let err = |reason: String| StartupError::ConfigFile {
        path: path.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    toml::from_str(&text).map_err(|e| err(e.message().to_string()))
}

fn read_secret_file(path: &Path) -> Result<SecretString, StartupError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        StartupError::bad(
            "HALO_CLIENT_SECRET_FILE",
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let secret = text.trim();
    if secret.is_empty() {
        return Err(StartupError::bad(
            "HALO_CLIENT_SECRET_FILE",
            format!("{} is empty", path.display()),
        ));
    }
    Ok(SecretString::from(secret.to_string()))
}
