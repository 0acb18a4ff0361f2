//! The server-side session store: a SQLite file in the data directory (mode 0600), so sessions survive a
//! restart, with an in-memory cache in front (moka) so a page view reads no file; expired rows are deleted
//! hourly. With replicas (`HALOSCOPE_REDIS_URL`) sessions live in Redis instead, with no memory in front
//! (see `shared::sessions`). The cookie carries only the random session id.

use super::recent_sessions::RecentSessions;
use crate::shared::sessions::RedisSessions;
use crate::startup_error::StartupError;
use async_trait::async_trait;
use std::path::Path;
use std::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, CachingSessionStore, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_rusqlite_store::tokio_rusqlite::Connection;
use tower_sessions_rusqlite_store::RusqliteStore;

/// The store the session layer uses.
#[derive(Clone, Debug)]
pub enum Store {
    /// One process: memory first, then the SQLite file (written through).
    Local(CachingSessionStore<RecentSessions, RusqliteStore>),
    /// Replicas: Redis alone.
    Shared(RedisSessions),
}

impl Store {
    /// The local store in front of the SQLite file.
    pub fn local(sqlite: RusqliteStore) -> Store {
        Store::Local(CachingSessionStore::new(RecentSessions::default(), sqlite))
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Local(s) => s.create(record).await,
            Store::Shared(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Local(s) => s.save(record).await,
            Store::Shared(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Local(s) => s.load(id).await,
            Store::Shared(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Local(s) => s.delete(id).await,
            Store::Shared(s) => s.delete(id).await,
        }
    }
}

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
pub fn layer(store: Store, https: bool, idle: Duration) -> SessionManagerLayer<Store> {
    let idle = tower_sessions::cookie::time::Duration::seconds(idle.as_secs() as i64);
    SessionManagerLayer::new(store)
        .with_name(cookie_name(https))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(https)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}
