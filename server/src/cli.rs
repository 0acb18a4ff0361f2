//! Every setting, declared once: its flag (the field name), its environment variable, its type and the
//! parser that turns text into that type. The declaration produces the clap flags (which read the
//! environment variables too), the keys of the TOML file (`--config`) and [`Given`], the typed values;
//! the known `HALO_*` names are the declared ones. Flags win over environment variables, which win over
//! the file, which wins over the defaults in `settings`. Values are parsed after that choice, by the
//! same parser whatever gave them, so a bad value names its setting in one line.

use crate::settings::parse;
use crate::startup_error::StartupError;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use std::path::PathBuf;

/// Declares the settings: `name: Type = "ENV_NAME", parser;`, with the flag's help as doc comments.
macro_rules! settings {
    ($( $(#[$attr:meta])* $name:ident : $ty:ty = $env:literal, $parse:path; )*) => {
        /// Haloscope — a fast, secure dashboard over the HaloPSA REST API.
        #[derive(Debug, Parser, Default)]
        #[command(name = "haloscope", version, about)]
        pub struct Cli {
            /// Optional TOML file with the same settings (keys as the long flags, with underscores).
            #[arg(long, env = "HALOSCOPE_CONFIG")]
            pub config: Option<PathBuf>,
            /// Demo mode only: mount the simulator's fault-injection control at /_sim/_control (tests, benchmarks).
            #[arg(long, env = "HALOSCOPE_DEMO_FAULT_CONTROL")]
            pub demo_fault_control: bool,
            $(
                $(#[$attr])*
                #[arg(long, env = $env)]
                pub $name: Option<String>,
            )*
            #[command(subcommand)]
            pub command: Option<Command>,
        }

        /// The optional TOML file: the same settings under the long flags' names, with underscores.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct FileSettings {
            #[serde(default)]
            pub demo_fault_control: Option<bool>,
            $(
                #[serde(default)]
                pub $name: Option<FileValue>,
            )*
        }

        /// Each setting's typed value, from the flag, the environment or the file (in that order), or
        /// `None` when none of them gives it (a blank value counts as not given).
        #[derive(Debug, Default)]
        pub struct Given {
            $( pub $name: Option<$ty>, )*
        }

        impl Given {
            /// Picks each setting's source and parses its value.
            pub fn merge(cli: &Cli, file: &FileSettings) -> Result<Given, StartupError> {
                Ok(Given {
                    $( $name: given($env, cli.$name.as_deref(), file.$name.as_ref(), $parse)?, )*
                })
            }

            /// A setting's value in `Debug` form, by its TOML key (for tests that walk every setting).
            #[cfg(test)]
            pub fn shown(&self, key: &str) -> Option<String> {
                match key {
                    $( stringify!($name) => self.$name.as_ref().map(|v| format!("{v:?}")), )*
                    _ => None,
                }
            }

            /// The environment names of the settings that were given.
            pub fn given_names(&self) -> Vec<&'static str> {
                let mut names = Vec::new();
                $( if self.$name.is_some() { names.push($env); } )*
                names
            }
        }

        /// Every declared setting: its TOML key (the flag with underscores) and its environment name.
        pub const DECLARED: &[(&str, &str)] = &[
            ("config", "HALOSCOPE_CONFIG"),
            ("demo_fault_control", "HALOSCOPE_DEMO_FAULT_CONTROL"),
            $( (stringify!($name), $env), )*
        ];
    };
}

settings! {
    /// Address to listen on [default: 127.0.0.1:3000].
    listen: std::net::SocketAddr = "HALOSCOPE_LISTEN", parse::address;
    /// The address people use to reach Haloscope (OAuth redirects and Secure cookies follow it).
    public_url: url::Url = "HALOSCOPE_PUBLIC_URL", parse::http_url;
    /// Folder for sessions and the users file [default: ./haloscope-data].
    data_dir: PathBuf = "HALOSCOPE_DATA_DIR", parse::path;
    /// Seconds HaloPSA reads stay cached; 0 turns the cache off [default: 30].
    cache_ttl: std::time::Duration = "HALOSCOPE_CACHE_TTL", parse::cache_ttl;
    /// How long after the cache's TTL a read is kept to show, marked with its time, while HaloPSA is down,
    /// slow or rate-limiting, e.g. 24h; 0 turns it off [default: 24h].
    stale_for: std::time::Duration = "HALOSCOPE_STALE_FOR", parse::stale_for;
    /// Megabytes the reads kept for that may take [default: 64].
    stale_memory: u64 = "HALOSCOPE_STALE_MEMORY", parse::megabytes;
    /// Bearer token that lets non-loopback clients read /metrics.
    #[arg(hide_env_values = true)]
    metrics_token: String = "HALOSCOPE_METRICS_TOKEN", parse::text;
    /// How long a signed-in session lasts without use, e.g. 8h, 30m, 3600 (seconds) [default: 8h].
    session_idle: std::time::Duration = "HALOSCOPE_SESSION_IDLE", parse::duration;
    /// The longest a session lasts however much it is used, e.g. 7d [default: 7d].
    session_max: std::time::Duration = "HALOSCOPE_SESSION_MAX", parse::duration;
    /// Key (base64 of 32 bytes) that encrypts HaloPSA tokens in the session store; without it Haloscope keeps
    /// one in DATA_DIR/session.key.
    #[arg(hide_env_values = true)]
    session_key: String = "HALOSCOPE_SESSION_KEY", parse::text;
    /// Where audit lines go: a file path, or - for standard output [default: DATA_DIR/audit.jsonl].
    audit_log: String = "HALOSCOPE_AUDIT_LOG", parse::text;
    /// Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (sign-in limits, audit,
    /// the /metrics loopback rule).
    trusted_proxies: Vec<std::net::IpAddr> = "HALOSCOPE_TRUSTED_PROXIES", parse::addresses;
    /// How old a person's data health report may get before their next visit walks the lists again, e.g.
    /// 1h, 30m, 1d [default: 1h].
    health_interval: std::time::Duration = "HALOSCOPE_HEALTH_INTERVAL", parse::duration;
    /// Redis (or Valkey) that several replicas share: sessions, the HaloPSA budget and cache invalidation,
    /// e.g. redis://redis:6379/0 or rediss://user:pass@host:6380 (TLS). Unset: one process keeps all of it.
    #[arg(hide_env_values = true)]
    redis_url: url::Url = "HALOSCOPE_REDIS_URL", parse::redis_url;
    /// Prefix of every Redis key, so several installs can share one Redis [default: haloscope:].
    redis_prefix: String = "HALOSCOPE_REDIS_PREFIX", parse::key_prefix;
    /// Log format: human (readable lines) or json (one JSON object per line) [default: human].
    log_format: LogFormat = "HALOSCOPE_LOG_FORMAT", parse::log_format;
    /// HaloPSA tenant base URL, e.g. https://acme.halopsa.com (resource server HALO_URL/api, auth server HALO_URL/auth).
    halo_url: url::Url = "HALO_URL", parse::http_url;
    /// Resource server URL, when it is not HALO_URL/api.
    halo_api_url: url::Url = "HALO_API_URL", parse::http_url;
    /// Authorisation server URL, when it is not HALO_URL/auth.
    halo_auth_url: url::Url = "HALO_AUTH_URL", parse::http_url;
    /// Tenant name sent as ?tenant= to the token endpoint (hosted Halo). Without HALO_AUTH_URL and
    /// HALO_TENANT, HALO_URL/api/authinfo is asked for both; on premise it names no tenant.
    halo_tenant: String = "HALO_TENANT", parse::text;
    /// Allow a HaloPSA URL on http:// that is not on this machine (the client secret and people's tokens
    /// then cross the network unencrypted) [default: false].
    #[arg(num_args = 0..=1, default_missing_value = "true")]
    halo_allow_http: bool = "HALO_ALLOW_HTTP", parse::switch;
    /// The API application's client id.
    halo_client_id: String = "HALO_CLIENT_ID", parse::text;
    /// The API application's client secret (prefer HALO_CLIENT_SECRET_FILE).
    #[arg(hide_env_values = true)]
    halo_client_secret: String = "HALO_CLIENT_SECRET", parse::text;
    /// A file holding the client secret.
    halo_client_secret_file: PathBuf = "HALO_CLIENT_SECRET_FILE", parse::path;
    /// OAuth scope(s) to request [default: all].
    halo_scope: String = "HALO_SCOPE", parse::text;
    /// `service` (the app's credentials do the calls) or `agent` (each person signs in with HaloPSA)
    /// [default: service when a secret is set, else agent].
    halo_auth_mode: crate::settings::AuthMode = "HALO_AUTH_MODE", parse::auth_mode;
    /// Upstream requests per rolling window (HALO_RATE_WINDOW, 5 minutes by default); 0 turns the limiter
    /// off [default: 300].
    halo_rate_limit: u32 = "HALO_RATE_LIMIT", parse::rate_limit;
    /// The rolling window HALO_RATE_LIMIT counts over, e.g. 5m, 60s (an on-premise install may count
    /// differently) [default: 5m].
    halo_rate_window: std::time::Duration = "HALO_RATE_WINDOW", parse::rate_window;
}

/// A value in the TOML file: text, or a number or switch written without quotes.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum FileValue {
    Text(String),
    Number(i64),
    Switch(bool),
}

impl FileValue {
    /// The value as the text a flag would carry.
    pub fn text(&self) -> String {
        match self {
            FileValue::Text(s) => s.clone(),
            FileValue::Number(n) => n.to_string(),
            FileValue::Switch(b) => b.to_string(),
        }
    }
}

/// The raw text of a setting: the flag or environment variable (clap has chosen), else the file; blank
/// values count as not given.
pub fn raw(from_cli: Option<&str>, from_file: Option<&FileValue>) -> Option<String> {
    from_cli
        .map(str::to_owned)
        .or_else(|| from_file.map(FileValue::text))
        .filter(|s| !s.trim().is_empty())
}

/// One setting's typed value; a value its parser refuses is an error naming the setting.
fn given<T>(
    setting: &'static str,
    from_cli: Option<&str>,
    from_file: Option<&FileValue>,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, StartupError> {
    raw(from_cli, from_file)
        .map(|v| parse(&v).map_err(|reason| StartupError::bad(setting, reason)))
        .transpose()
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// Sub-commands besides serving.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the dashboard (the default).
    Serve,
    /// Print every route the server answers (one JSON object a line) and whether it needs a session.
    Routes,
    /// Manage the local staff accounts (service sign-in mode) in the data directory's users file.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

/// `haloscope user …`: passwords are asked twice on a terminal, or read as the first line of standard input.
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Add a user (1–64 characters of A-Z a-z 0-9 . _ @ -; names ignore case).
    Add { name: String },
    /// Set a user's password.
    Passwd { name: String },
    /// Remove a user.
    Remove { name: String },
    /// List the users: name, when created, when the password last changed.
    List,
}
