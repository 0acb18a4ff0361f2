//! Command-line flags and environment variables (clap). Flags win over environment variables, which win
//! over the optional TOML file (`--config`), which wins over the defaults in `settings`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Haloscope — a fast, secure dashboard over the HaloPSA REST API.
#[derive(Debug, Parser, Default)]
#[command(name = "haloscope", version, about)]
pub struct Cli {
    /// Address to listen on [default: 127.0.0.1:3000].
    #[arg(long, env = "HALOSCOPE_LISTEN")]
    pub listen: Option<String>,
    /// The address people use to reach Haloscope (OAuth redirects and Secure cookies follow it).
    #[arg(long, env = "HALOSCOPE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Folder for sessions and the users file [default: ./haloscope-data].
    #[arg(long, env = "HALOSCOPE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Seconds HaloPSA reads stay cached; 0 turns the cache off [default: 30].
    #[arg(long, env = "HALOSCOPE_CACHE_TTL")]
    pub cache_ttl: Option<String>,
    /// Optional TOML file with the same settings (keys as the long flags, with underscores).
    #[arg(long, env = "HALOSCOPE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Bearer token that lets non-loopback clients read /metrics.
    #[arg(long, env = "HALOSCOPE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Demo mode only: mount the simulator's fault-injection control at /_sim/_control (tests, benchmarks).
    #[arg(long, env = "HALOSCOPE_DEMO_FAULT_CONTROL")]
    pub demo_fault_control: bool,
    /// How long a signed-in session lasts without use, e.g. 8h, 30m, 3600 (seconds) [default: 8h].
    #[arg(long, env = "HALOSCOPE_SESSION_IDLE")]
    pub session_idle: Option<String>,
    /// The longest a session lasts however much it is used, e.g. 7d [default: 7d].
    #[arg(long, env = "HALOSCOPE_SESSION_MAX")]
    pub session_max: Option<String>,
    /// Key (base64 of 32 bytes) that encrypts HaloPSA tokens in the session store; without it Haloscope keeps
    /// one in DATA_DIR/session.key.
    #[arg(long, env = "HALOSCOPE_SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<String>,
    /// Where audit lines go: a file path, or - for standard output [default: DATA_DIR/audit.jsonl].
    #[arg(long, env = "HALOSCOPE_AUDIT_LOG")]
    pub audit_log: Option<String>,
    /// Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (sign-in limits, audit,
    /// the /metrics loopback rule).
    #[arg(long, env = "HALOSCOPE_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<String>,
    /// Log format.
    #[arg(long, env = "HALOSCOPE_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,

    /// HaloPSA tenant base URL, e.g. https://acme.halopsa.com (resource server HALO_URL/api, auth server HALO_URL/auth).
    #[arg(long, env = "HALO_URL")]
    pub halo_url: Option<String>,
    /// Resource server URL, when it is not HALO_URL/api.
    #[arg(long, env = "HALO_API_URL")]
    pub halo_api_url: Option<String>,
    /// Authorisation server URL, when it is not HALO_URL/auth.
    #[arg(long, env = "HALO_AUTH_URL")]
    pub halo_auth_url: Option<String>,
    /// Tenant name sent as ?tenant= to the token endpoint (hosted Halo).
    #[arg(long, env = "HALO_TENANT")]
    pub halo_tenant: Option<String>,
    /// The API application's client id.
    #[arg(long, env = "HALO_CLIENT_ID")]
    pub halo_client_id: Option<String>,
    /// The API application's client secret (prefer HALO_CLIENT_SECRET_FILE).
    #[arg(long, env = "HALO_CLIENT_SECRET", hide_env_values = true)]
    pub halo_client_secret: Option<String>,
    /// A file holding the client secret.
    #[arg(long, env = "HALO_CLIENT_SECRET_FILE")]
    pub halo_client_secret_file: Option<PathBuf>,
    /// OAuth scope(s) to request [default: all].
    #[arg(long, env = "HALO_SCOPE")]
    pub halo_scope: Option<String>,
    /// `service` (the app's credentials do the calls) or `agent` (each person signs in with HaloPSA).
    #[arg(long, env = "HALO_AUTH_MODE")]
    pub halo_auth_mode: Option<String>,
    /// Upstream requests per rolling 5 minutes; 0 turns the limiter off [default: 300].
    #[arg(long, env = "HALO_RATE_LIMIT")]
    pub halo_rate_limit: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
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
