//! The validated settings Haloscope runs with, merged from flags, environment variables and the optional
//! TOML file. Demo mode is chosen only when no HaloPSA setting is given anywhere and no `HALO_*` variable is
//! set; a partial HaloPSA configuration is an error, never a silent fall-back to demo data.

use crate::cli::{Cli, LogFormat};
use crate::startup_error::StartupError;
use secrecy::SecretString;
use serde::Deserialize;
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
    pub log_format: LogFormat,
    pub metrics_token: Option<String>,
    /// Demo mode: mount the simulator's fault control.
    pub demo_fault_control: bool,
    pub upstream: UpstreamSettings,
    pub sessions: SessionSettings,
    pub audit_log: AuditTarget,
    pub trusted_proxies: crate::client_ip::TrustedProxies,
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
}

/// Who makes the upstream calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// The app's client credentials; staff sign in to Haloscope itself.
    Service,
    /// Each person signs in with HaloPSA; calls run as that agent.
    Agent,
}

/// The optional TOML file: the same settings as the long flags, with underscores.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    public_url: Option<String>,
    data_dir: Option<PathBuf>,
    #[serde(default, deserialize_with = "string_or_number")]
    cache_ttl: Option<String>,
    log_format: Option<LogFormat>,
    metrics_token: Option<String>,
    session_idle: Option<String>,
    session_max: Option<String>,
    session_key: Option<String>,
    audit_log: Option<String>,
    trusted_proxies: Option<String>,
    halo_url: Option<String>,
    halo_api_url: Option<String>,
    halo_auth_url: Option<String>,
    halo_tenant: Option<String>,
    halo_client_id: Option<String>,
    halo_client_secret: Option<String>,
    halo_client_secret_file: Option<PathBuf>,
    halo_scope: Option<String>,
    halo_auth_mode: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    halo_rate_limit: Option<String>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        S(String),
        N(i64),
    }
    Ok(Option::<V>::deserialize(d)?.map(|v| match v {
        V::S(s) => s,
        V::N(n) => n.to_string(),
    }))
}

/// The `HALO_*` environment variables Haloscope knows.
const KNOWN_HALO_VARS: &[&str] = &[
    "HALO_URL",
    "HALO_API_URL",
    "HALO_AUTH_URL",
    "HALO_TENANT",
    "HALO_CLIENT_ID",
    "HALO_CLIENT_SECRET",
    "HALO_CLIENT_SECRET_FILE",
    "HALO_SCOPE",
    "HALO_AUTH_MODE",
    "HALO_RATE_LIMIT",
];

/// The data directory alone (for `haloscope user …`, which must work whatever the HaloPSA settings say):
/// `--data-dir`/`HALOSCOPE_DATA_DIR`, then the `--config` file's `data_dir`, then `./haloscope-data`.
pub fn data_dir_only(cli: &Cli) -> Result<PathBuf, StartupError> {
    let file = match &cli.config {
        Some(path) => read_file(path)?,
        None => FileSettings::default(),
    };
    Ok(pick_data_dir(cli.data_dir.clone(), file.data_dir))
}

/// Where audit lines go, for the `user` commands (which read nothing but the data directory settings):
/// the same rule as [`Settings::resolve`].
pub fn audit_target_only(cli: &Cli, data_dir: &Path) -> Result<AuditTarget, StartupError> {
    let file = match &cli.config {
        Some(path) => read_file(path)?,
        None => FileSettings::default(),
    };
    let raw = cli
        .audit_log
        .clone()
        .or(file.audit_log)
        .filter(|s| !s.trim().is_empty());
    Ok(audit_target(raw, data_dir))
}

/// `-` is standard output, anything else a file; by default `<data_dir>/audit.jsonl`.
fn audit_target(raw: Option<String>, data_dir: &Path) -> AuditTarget {
    match raw {
        Some(v) if v.trim() == "-" => AuditTarget::Stdout,
        Some(v) => AuditTarget::File(PathBuf::from(v.trim())),
        None => AuditTarget::File(data_dir.join("audit.jsonl")),
    }
}

/// The one precedence rule for the data directory, shared by [`data_dir_only`] and [`Settings::resolve`].
fn pick_data_dir(from_cli: Option<PathBuf>, from_file: Option<PathBuf>) -> PathBuf {
    from_cli
        .or(from_file)
        .unwrap_or_else(|| PathBuf::from("./haloscope-data"))
}

impl Settings {
    /// Merges `cli` (flags and environment, already merged by clap) over the file it names, then validates.
    /// `env_names` are the names of the process's environment variables (to spot unknown `HALO_*` ones).
    pub fn resolve(cli: Cli, env_names: &[String]) -> Result<Settings, StartupError> {
        if let Some(unknown) = env_names
            .iter()
            .find(|n| n.starts_with("HALO_") && !KNOWN_HALO_VARS.contains(&n.as_str()))
        {
            return Err(StartupError::BadSetting {
                setting: "HALO_*",
                reason: format!(
                    "{unknown} is not a Haloscope setting (known: {})",
                    KNOWN_HALO_VARS.join(", ")
                ),
            });
        }
        let file = match &cli.config {
            Some(path) => read_file(path)?,
            None => FileSettings::default(),
        };
        let pick = |a: Option<String>, b: Option<String>| a.or(b).filter(|s| !s.trim().is_empty());

        let listen_raw = pick(cli.listen, file.listen).unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen_raw.parse().map_err(|_| {
            StartupError::bad(
                "HALOSCOPE_LISTEN",
                format!("{listen_raw:?} is not an address like 127.0.0.1:3000"),
            )
        })?;
        let public_url = pick(cli.public_url, file.public_url)
            .map(|u| parse_url("HALOSCOPE_PUBLIC_URL", &u))
            .transpose()?;
        let data_dir = pick_data_dir(cli.data_dir, file.data_dir);
        let cache_ttl = match pick(cli.cache_ttl, file.cache_ttl) {
            None => Duration::from_secs(30),
            Some(v) => Duration::from_secs(parse_number("HALOSCOPE_CACHE_TTL", &v, 86_400)?),
        };
        let log_format = cli.log_format.or(file.log_format).unwrap_or_default();
        let metrics_token = pick(cli.metrics_token, file.metrics_token);
        let demo_fault_control = cli.demo_fault_control;
        let idle = match pick(cli.session_idle, file.session_idle) {
            None => Duration::from_secs(8 * 3600),
            Some(v) => parse_duration("HALOSCOPE_SESSION_IDLE", &v)?,
        };
        let max = match pick(cli.session_max, file.session_max) {
            None => Duration::from_secs(7 * 86_400),
            Some(v) => parse_duration("HALOSCOPE_SESSION_MAX", &v)?,
        };
        if max < idle {
            return Err(StartupError::bad(
                "HALOSCOPE_SESSION_MAX",
                "must not be shorter than HALOSCOPE_SESSION_IDLE",
            ));
        }
        let sessions = SessionSettings {
            idle,
            max,
            key: pick(cli.session_key, file.session_key).map(SecretString::from),
        };
        let audit_log = audit_target(pick(cli.audit_log, file.audit_log), &data_dir);
        let mut proxies = Vec::new();
        for raw in pick(cli.trusted_proxies, file.trusted_proxies)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            proxies.push(raw.parse().map_err(|_| {
                StartupError::bad(
                    "HALOSCOPE_TRUSTED_PROXIES",
                    format!("{raw:?} is not an IP address"),
                )
            })?);
        }
        let trusted_proxies = crate::client_ip::TrustedProxies(proxies);

        let halo_url = pick(cli.halo_url, file.halo_url);
        let api_url = pick(cli.halo_api_url, file.halo_api_url);
        let auth_url = pick(cli.halo_auth_url, file.halo_auth_url);
        let tenant = pick(cli.halo_tenant, file.halo_tenant);
        let client_id = pick(cli.halo_client_id, file.halo_client_id);
        let secret = pick(cli.halo_client_secret, file.halo_client_secret);
        let secret_file = cli.halo_client_secret_file.or(file.halo_client_secret_file);
        let scope = pick(cli.halo_scope, file.halo_scope);
        let auth_mode = pick(cli.halo_auth_mode, file.halo_auth_mode);
        let rate_limit = pick(cli.halo_rate_limit, file.halo_rate_limit);

        let any_halo = halo_url.is_some()
            || api_url.is_some()
            || auth_url.is_some()
            || tenant.is_some()
            || client_id.is_some()
            || secret.is_some()
            || secret_file.is_some()
            || scope.is_some()
            || auth_mode.is_some()
            || rate_limit.is_some()
            || env_names.iter().any(|n| n.starts_with("HALO_"));

        let upstream = if !any_halo {
            UpstreamSettings::Demo
        } else {
            let base = halo_url.map(|u| parse_url("HALO_URL", &u)).transpose()?;
            let api_url = match (api_url, &base) {
                (Some(u), _) => parse_url("HALO_API_URL", &u)?,
                (None, Some(b)) => join(b, "api"),
                (None, None) => return Err(missing("HALO_URL", "it locates the resource server")),
            };
            let auth_url = match (auth_url, &base) {
                (Some(u), _) => parse_url("HALO_AUTH_URL", &u)?,
                (None, Some(b)) => join(b, "auth"),
                (None, None) => {
                    return Err(missing("HALO_URL", "it locates the authorisation server"))
                }
            };
            let client_id = client_id
                .ok_or_else(|| missing("HALO_CLIENT_ID", "the API application's client id"))?;
            let client_secret = match (secret, secret_file) {
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
            let auth_mode = match auth_mode.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None if client_secret.is_some() => AuthMode::Service,
                None => AuthMode::Agent,
                Some("service") => AuthMode::Service,
                Some("agent") => AuthMode::Agent,
                Some(other) => {
                    return Err(StartupError::bad(
                        "HALO_AUTH_MODE",
                        format!("{other:?} is not one of: service, agent"),
                    ))
                }
            };
            if auth_mode == AuthMode::Service && client_secret.is_none() {
                return Err(missing(
                    "HALO_CLIENT_SECRET",
                    "service mode signs in with the app's client id and secret; or HALO_CLIENT_SECRET_FILE",
                ));
            }
            let rate_limit = match rate_limit {
                None => 300,
                Some(v) => parse_number("HALO_RATE_LIMIT", &v, 100_000)? as u32,
            };
            UpstreamSettings::Tenant(Box::new(TenantSettings {
                api_url,
                auth_url,
                tenant,
                client_id,
                client_secret,
                scope: scope.unwrap_or_else(|| "all".into()),
                auth_mode,
                rate_limit,
            }))
        };

        if let UpstreamSettings::Tenant(t) = &upstream {
            if t.auth_mode == AuthMode::Agent && public_url.is_none() {
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
        Ok(Settings {
            listen,
            public_url,
            data_dir,
            cache_ttl,
            log_format,
            metrics_token,
            demo_fault_control,
            upstream,
            sessions,
            audit_log,
            trusted_proxies,
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

fn missing(setting: &'static str, reason: &str) -> StartupError {
    StartupError::Missing {
        setting,
        reason: reason.into(),
    }
}

fn parse_url(setting: &'static str, raw: &str) -> Result<Url, StartupError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| StartupError::bad(setting, format!("{raw:?} is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(StartupError::bad(
            setting,
            format!("{raw:?} must be an http(s) URL with a host"),
        ));
    }
    Ok(url)
}

/// `base` + `/segment`, keeping any path the base already has.
fn join(base: &Url, segment: &str) -> Url {
    let mut url = base.clone();
    let path = format!("{}/{segment}", base.path().trim_end_matches('/'));
    url.set_path(&path);
    url
}

fn parse_number(setting: &'static str, raw: &str, max: u64) -> Result<u64, StartupError> {
    match raw.trim().parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(StartupError::bad(
            setting,
            format!("{raw:?} is not a whole number from 0 to {max}"),
        )),
    }
}

/// A duration like `8h`, `30m`, `45s`, `7d` or a number of seconds; from one minute to 365 days.
fn parse_duration(setting: &'static str, raw: &str) -> Result<Duration, StartupError> {
    let t = raw.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, "s"),
    };
    let scale = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => 0,
    };
    let secs = digits.parse::<u64>().ok().map(|n| n.saturating_mul(scale));
    match secs {
        Some(s) if (60..=365 * 86_400).contains(&s) => Ok(Duration::from_secs(s)),
        _ => Err(StartupError::bad(
            setting,
            format!("{raw:?} is not a duration from 1m to 365d (like 8h, 30m, 7d or seconds)"),
        )),
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use secrecy::ExposeSecret;

    fn resolve(args: &[&str]) -> Result<Settings, StartupError> {
        let mut argv = vec!["haloscope"];
        argv.extend_from_slice(args);
        Settings::resolve(Cli::try_parse_from(argv).unwrap(), &[])
    }

    #[test]
    fn session_durations_parse_with_units_and_stay_in_range() {
        let d = |v: &str| parse_duration("X", v).map(|d| d.as_secs());
        assert_eq!(d("8h").unwrap(), 8 * 3600);
        assert_eq!(d("30m").unwrap(), 1800);
        assert_eq!(d("7d").unwrap(), 7 * 86_400);
        assert_eq!(d("3600").unwrap(), 3600);
        for bad in ["", "h", "10", "8x", "-1h", "366d", "99999999999999999999d"] {
            assert!(d(bad).is_err(), "{bad:?} should be refused");
        }
        let s = resolve(&[]).unwrap();
        assert_eq!(s.sessions.idle, Duration::from_secs(8 * 3600));
        assert_eq!(s.sessions.max, Duration::from_secs(7 * 86_400));
        assert_eq!(s.auth_mode(), AuthMode::Agent);
        assert!(resolve(&["--session-idle", "2d", "--session-max", "1d"]).is_err());
    }

    #[test]
    fn agent_mode_on_a_tenant_needs_the_public_url() {
        let base = [
            "--halo-url",
            "https://acme.halopsa.com",
            "--halo-client-id",
            "id",
            "--halo-auth-mode",
            "agent",
        ];
        let err = resolve(&base).unwrap_err().to_string();
        assert!(err.contains("HALOSCOPE_PUBLIC_URL"), "{err}");
        let mut args = base.to_vec();
        args.extend(["--public-url", "https://scope.example.com"]);
        let s = resolve(&args).unwrap();
        assert!(s.https());
    }

    #[test]
    fn no_halo_settings_means_demo_on_the_default_address() {
        let s = resolve(&[]).unwrap();
        assert!(s.is_demo());
        assert_eq!(s.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(s.cache_ttl, Duration::from_secs(30));
        assert_eq!(s.data_dir, PathBuf::from("./haloscope-data"));
    }

    #[test]
    fn tenant_urls_derive_from_halo_url() {
        let s = resolve(&[
            "--halo-url",
            "https://acme.halopsa.com/",
            "--halo-client-id",
            "id",
            "--halo-client-secret",
            "s3cret",
            "--halo-tenant",
            "acme",
        ])
        .unwrap();
        let UpstreamSettings::Tenant(t) = s.upstream else {
            panic!("expected a tenant")
        };
        assert_eq!(t.api_url.as_str(), "https://acme.halopsa.com/api");
        assert_eq!(t.auth_url.as_str(), "https://acme.halopsa.com/auth");
        assert_eq!(t.auth_mode, AuthMode::Service);
        assert_eq!(t.scope, "all");
        assert_eq!(t.rate_limit, 300);
        assert_eq!(t.client_secret.unwrap().expose_secret(), "s3cret");
    }

    #[test]
    fn explicit_api_and_auth_urls_win() {
        let s = resolve(&[
            "--halo-url",
            "https://acme.halopsa.com",
            "--halo-auth-url",
            "https://uk-trial.halopsa.com",
            "--halo-client-id",
            "id",
            "--halo-auth-mode",
            "agent",
            "--public-url",
            "http://127.0.0.1:3000",
        ])
        .unwrap();
        let UpstreamSettings::Tenant(t) = s.upstream else {
            panic!()
        };
        assert_eq!(t.auth_url.as_str(), "https://uk-trial.halopsa.com/");
        assert_eq!(t.auth_mode, AuthMode::Agent);
    }

    #[test]
    fn partial_configuration_names_the_missing_setting() {
        let err = resolve(&["--halo-client-id", "abc"])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("HALO_URL is required"), "{err}");
        let err = resolve(&["--halo-url", "https://x.halopsa.com"])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("HALO_CLIENT_ID is required"), "{err}");
        let err = resolve(&[
            "--halo-url",
            "https://x.halopsa.com",
            "--halo-client-id",
            "i",
            "--halo-auth-mode",
            "service",
        ])
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("HALO_CLIENT_SECRET is required"), "{err}");
    }

    #[test]
    fn bad_values_name_their_setting() {
        for (args, setting) in [
            (vec!["--listen", "nowhere"], "HALOSCOPE_LISTEN"),
            (vec!["--cache-ttl=-1"], "HALOSCOPE_CACHE_TTL"),
            (
                vec!["--halo-url", "ftp://x", "--halo-client-id", "i"],
                "HALO_URL",
            ),
            (
                vec![
                    "--halo-url",
                    "https://x.io",
                    "--halo-client-id",
                    "i",
                    "--halo-client-secret",
                    "s",
                    "--halo-rate-limit",
                    "lots",
                ],
                "HALO_RATE_LIMIT",
            ),
            (
                vec![
                    "--halo-url",
                    "https://x.io",
                    "--halo-client-id",
                    "i",
                    "--halo-auth-mode",
                    "robot",
                ],
                "HALO_AUTH_MODE",
            ),
        ] {
            let err = resolve(&args).unwrap_err().to_string();
            assert!(err.starts_with(setting), "{args:?}: {err}");
        }
    }

    #[test]
    fn fault_control_exists_only_in_demo_mode() {
        assert!(
            resolve(&["--demo-fault-control"])
                .unwrap()
                .demo_fault_control
        );
        let err = resolve(&[
            "--demo-fault-control",
            "--halo-url",
            "https://x.halopsa.com",
            "--halo-client-id",
            "i",
            "--halo-client-secret",
            "s",
        ])
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("HALOSCOPE_DEMO_FAULT_CONTROL"), "{err}");
    }

    #[test]
    fn any_halo_variable_turns_demo_off() {
        let cli = Cli::try_parse_from(["haloscope"]).unwrap();
        let err = Settings::resolve(cli, &["HALO_TENANT".to_string()])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("HALO_URL is required"), "{err}");
        let cli = Cli::try_parse_from(["haloscope"]).unwrap();
        let err = Settings::resolve(cli, &["HALO_CLIENTID".to_string()])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("HALO_CLIENTID is not a Haloscope setting"),
            "{err}"
        );
    }

    #[test]
    fn the_data_dir_alone_follows_the_same_precedence() {
        let dir = std::env::temp_dir().join(format!("haloscope-datadir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("haloscope.toml");
        // HALO_* in the file would make `resolve` fail; the data directory alone does not care
        std::fs::write(
            &file,
            "data_dir = \"/srv/from-file\"\nhalo_client_id = \"only-half\"\n",
        )
        .unwrap();
        let cli = |args: &[&str]| {
            let mut argv = vec!["haloscope"];
            argv.extend_from_slice(args);
            Cli::try_parse_from(argv).unwrap()
        };
        let config = file.to_str().unwrap();
        assert_eq!(
            data_dir_only(&cli(&[])).unwrap(),
            PathBuf::from("./haloscope-data")
        );
        assert_eq!(
            data_dir_only(&cli(&["--config", config])).unwrap(),
            PathBuf::from("/srv/from-file")
        );
        assert_eq!(
            data_dir_only(&cli(&["--config", config, "--data-dir", "/srv/flag"])).unwrap(),
            PathBuf::from("/srv/flag")
        );
        let err = data_dir_only(&cli(&["--config", "/nonexistent/haloscope.toml"]))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("HALOSCOPE_CONFIG"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_file_fills_what_flags_leave_unset() {
        let dir = std::env::temp_dir().join(format!("haloscope-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret");
        std::fs::write(&secret, "from-file\n").unwrap();
        let file = dir.join("haloscope.toml");
        std::fs::write(
            &file,
            format!(
                "listen = \"127.0.0.1:4000\"\ncache_ttl = 5\nhalo_url = \"https://acme.halopsa.com\"\nhalo_client_id = \"id\"\nhalo_client_secret_file = {:?}\nhalo_rate_limit = 0\n",
                secret.display().to_string()
            ),
        )
        .unwrap();
        let s = resolve(&[
            "--config",
            file.to_str().unwrap(),
            "--listen",
            "127.0.0.1:5000",
        ])
        .unwrap();
        assert_eq!(
            s.listen.to_string(),
            "127.0.0.1:5000",
            "flags win over the file"
        );
        assert_eq!(s.cache_ttl, Duration::from_secs(5));
        let UpstreamSettings::Tenant(t) = s.upstream else {
            panic!()
        };
        assert_eq!(t.rate_limit, 0);
        assert_eq!(t.client_secret.unwrap().expose_secret(), "from-file");

        std::fs::write(&file, "lisen = \"x\"\n").unwrap();
        let err = resolve(&["--config", file.to_str().unwrap()])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("HALOSCOPE_CONFIG"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
