//! Why Haloscope could not start: one line naming the setting, exit code 2.

/// A start-up failure. `Display` is the single line printed before exiting with code 2.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// A setting has a value that cannot be used.
    #[error("{setting}: {reason}")]
    BadSetting {
        setting: &'static str,
        reason: String,
    },
    /// HaloPSA settings were given only in part.
    #[error("{setting} is required when other HALO_* settings are given ({reason}); set it, or unset every HALO_* setting to run on demo data")]
    Missing {
        setting: &'static str,
        reason: String,
    },
    /// The configuration file could not be read.
    #[error("HALOSCOPE_CONFIG ({path}): {reason}")]
    ConfigFile { path: String, reason: String },
    /// The listen address could not be bound.
    #[error("HALOSCOPE_LISTEN ({addr}): cannot listen there: {reason}")]
    Bind { addr: String, reason: String },
    /// The built site assets are missing from this build.
    #[error("site assets: {0}")]
    Assets(String),
    /// The HaloPSA client could not be set up.
    #[error("HALO_URL: {0}")]
    Upstream(String),
    /// Serving stopped for a reason of its own (every request thread gone), not a signal.
    #[error("stopped serving: {0}")]
    Serving(std::io::Error),
}

impl StartupError {
    pub fn bad(setting: &'static str, reason: impl Into<String>) -> Self {
        StartupError::BadSetting {
            setting,
            reason: reason.into(),
        }
    }
}
