//! The server-side session store: a SQLite file in the data directory (mode 0600), so sessions survive a
//! restart, with an in-memory cache in front (moka) so a page view reads no file; expired rows are deleted
//! hourly. The cookie carries only the random session id.

use super::recent_sessions::RecentSessions;
use crate::startup_error::StartupError;
use std::path::Path;
use std::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::{CachingSessionStore, ExpiredDeletion};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_rusqlite_store::tokio_rusqlite::Connection;
use tower_sessions_rusqlite_store::RusqliteStore;

/// The store the session layer uses: memory first, then the SQLite file (written through).
pub type Store = CachingSessionStore<RecentSessions, RusqliteStore>;

/// The cookie's name: `__Host-` prefixed (Secure, path /, no domain) when served over HTTPS.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-haloscope_session"
    } else {
        "haloscope_session"
    }
}

/// Opens (creating) `DATA_DIR/sessions.sqlite3` and starts the hourly clean-up of expired sessions.
pub async fn open(data_dir: &Path) -> Result<RusqliteStore, StartupError> {
    let path = data_dir.join("sessions.sqlite3");
    let bad = |e: String| {
        StartupError::bad(
            "HALOSCOPE_DATA_DIR",
            format!("session store {}: {e}", path.display()),
        )
    };
    crate::data_dir::touch_private(&path).map_err(|e| bad(e.to_string()))?;
    let conn = Connection::open(&path)
        .await
        .map_err(|e| bad(e.to_string()))?;
    let store = RusqliteStore::new(conn);
    store.migrate().await.map_err(|e| bad(e.to_string()))?;
    let cleaner = store.clone();
    tokio::spawn(async move {
        if let Err(e) = cleaner
            .continuously_delete_expired(Duration::from_secs(3600))
            .await
        {
            tracing::error!(error = %e, "expired-session clean-up stopped");
        }
    });
    Ok(store)
}

/// The session middleware: HttpOnly, SameSite=Lax, Secure and `__Host-` over HTTPS; a session unused for
/// `idle` expires (the absolute limit is checked by the gate).
pub fn layer(store: RusqliteStore, https: bool, idle: Duration) -> SessionManagerLayer<Store> {
    let idle = tower_sessions::cookie::time::Duration::seconds(idle.as_secs() as i64);
    let store = CachingSessionStore::new(RecentSessions::default(), store);
    SessionManagerLayer::new(store)
        .with_name(cookie_name(https))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(https)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}
