//! What several Haloscope replicas share, on Redis (`HALOSCOPE_REDIS_URL`): sessions ([`sessions`]), the
//! HaloPSA budget and 429 pause ([`budget`]) and which cached reads a write made stale ([`invalidation`]).
//! Without the setting none of this exists and one process keeps it all in memory and SQLite.
//!
//! Redis being down is an expected state, not a crash: every call has a one-second timeout, a failure
//! marks the store down, pages answer 503 with a plain message ([`guard`]) while `/healthz` still answers,
//! and a watcher pings every second so everything resumes by itself when Redis is back.

pub mod budget;
pub mod flash;
pub mod invalidation;
pub mod jobs;
pub mod limits;
pub mod reports;
pub mod sessions;
pub mod tokens;
pub mod views;

use crate::startup_error::StartupError;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::ExposeSecret;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long one Redis command may take before the store counts as down.
const TIMEOUT: Duration = Duration::from_secs(1);
/// How often the watcher pings.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// Redis could not be asked.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Haloscope's shared store (Redis) cannot be reached: {0}")]
pub struct Down(pub String);

/// The connection replicas share state through; cheap to clone.
#[derive(Clone)]
pub struct Redis(Arc<Inner>);

struct Inner {
    client: redis::Client,
    conn: ConnectionManager,
    prefix: String,
    up: AtomicBool,
    /// Seals the HaloPSA tokens kept for every replica (the session key, the same on every replica).
    sealer: crate::auth::sealing::Sealer,
}

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redis")
            .field("prefix", &self.0.prefix)
            .finish_non_exhaustive()
    }
}

impl Redis {
    /// Prepares the connection (made on first use, so Haloscope starts while Redis is still coming up)
    /// and starts the watcher.
    pub fn connect(
        settings: &crate::settings::RedisSettings,
        sealer: crate::auth::sealing::Sealer,
    ) -> Result<Redis, StartupError> {
        let bad = |e: redis::RedisError| {
            // the URL may hold a password: only the kind of failure is repeated
            StartupError::bad("HALOSCOPE_REDIS_URL", format!("{:?}", e.kind()))
        };
        let client = redis::Client::open(settings.url.expose_secret()).map_err(bad)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(1)
            .set_max_delay(TIMEOUT);
        let conn = ConnectionManager::new_lazy_with_config(client.clone(), config).map_err(bad)?;
        let redis = Redis(Arc::new(Inner {
            client,
            conn,
            prefix: settings.prefix.clone(),
            up: AtomicBool::new(true),
            sealer,
        }));
        tokio::spawn(redis.clone().watch());
        Ok(redis)
    }

    /// The full key of `name` under this install's prefix.
    pub fn key(&self, name: &str) -> String {
        format!("{}{name}", self.0.prefix)
    }

    /// A handle for commands (it reconnects by itself).
    pub fn conn(&self) -> ConnectionManager {
        self.0.conn.clone()
    }

    /// The client, for connections of their own (pub/sub).
    pub fn client(&self) -> &redis::Client {
        &self.0.client
    }

    /// Whether the last command or ping reached Redis.
    pub fn up(&self) -> bool {
        self.0.up.load(Ordering::Relaxed)
    }

    /// The result of a command, noting whether Redis answered.
    pub fn note<T>(&self, result: redis::RedisResult<T>) -> Result<T, Down> {
        match result {
            Ok(v) => {
                self.mark(true);
                Ok(v)
            }
            Err(e) if e.is_io_error() || e.is_timeout() || e.is_connection_dropped() => {
                self.mark(false);
                Err(Down(format!("{:?}", e.kind())))
            }
            Err(e) => Err(Down(e.to_string())),
        }
    }

    fn mark(&self, up: bool) {
        let was = self.0.up.swap(up, Ordering::Relaxed);
        if was != up {
            if up {
                tracing::info!("Redis answers again");
            } else {
                tracing::error!("Redis cannot be reached: pages answer 503 until it is back");
            }
        }
    }

    /// Asks Redis whether it answers.
    pub async fn ping(&self) -> Result<(), Down> {
        let mut conn = self.conn();
        let answer = redis::cmd("PING").query_async::<String>(&mut conn).await;
        self.note(answer).map(|_| ())
    }

    /// Pings at once, then every [`WATCH_EVERY`], so a store marked down comes back up without waiting for
    /// a page view. The first ping opens the connection from the main thread (`Redis::connect` runs there),
    /// so the connection's own task lives there rather than on a request thread busy with a page.
    async fn watch(self) {
        loop {
            let _ = self.ping().await;
            tokio::time::sleep(WATCH_EVERY).await;
        }
    }
}

/// In front of the session layer: while Redis is down, everything but the probes answers 503 with a plain
/// message (a page cannot tell who is signed in without it). The state is `None` without replicas.
pub async fn guard(State(redis): State<Option<Redis>>, req: Request, next: Next) -> Response {
    let Some(redis) = redis else {
        return next.run(req).await;
    };
    let probe = matches!(req.uri().path(), "/healthz" | "/readyz");
    if probe || redis.up() {
        return next.run(req).await;
    }
    unavailable(&req)
}

/// What a person is told while Redis is down.
const DOWN_MESSAGE: &str =
    "Haloscope cannot reach its shared store (Redis), so it cannot tell who is \
    signed in or keep to HaloPSA's rate limit. Nothing was changed. Try again in a moment.";

/// 503 saying the shared store is down, as a page or (server functions) as JSON.
pub fn unavailable(req: &Request) -> Response {
    if crate::auth::gate::wants_html(req) {
        return unavailable_page();
    }
    let body = serde_json::to_string(&app::errors::AppError::Upstream {
        status: 503,
        message: DOWN_MESSAGE.into(),
        retry_after: Some(5),
    })
    .unwrap_or_default();
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::RETRY_AFTER, "5"),
        ],
        body,
    )
        .into_response()
}

/// The 503 page saying the shared store is down.
pub fn unavailable_page() -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Temporarily unavailable · Haloscope</title></head><body><main>\
         <h1>Temporarily unavailable</h1><p>{DOWN_MESSAGE}</p></main></body></html>"
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::RETRY_AFTER, "5"),
        ],
        body,
    )
        .into_response()
}
