//! The simulator: shared state, the router, inspection helpers, and serving on loopback.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use axum::routing::{any, get, post};
use axum::{middleware, Router};
use serde_json::Value;

use crate::api;
use crate::auth::{self, AuthState};
use crate::config::SimConfig;
use crate::entity::Entity;
use crate::error::{rate_limit_message, ApiError};
use crate::faults::{self, FaultState, Faults};
use crate::query::{self, Params};
use crate::recorder::{self, RecordedWrite, Recorder};
use crate::store::Store;
use crate::strict;

/// The routes of [`Simulator::router`] (without the fault control): `(method, path)`; `ANY` for a path
/// that answers every method.
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/auth/token"),
    ("GET", "/auth/authorize"),
    ("GET", "/auth/approve"),
    ("ANY", "/api/{*rest}"),
];

pub(crate) struct Inner {
    pub cfg: SimConfig,
    store: RwLock<Store>,
    auth: Mutex<AuthState>,
    pub faults: Mutex<FaultState>,
    rate: Mutex<HashMap<String, VecDeque<Instant>>>,
    api_requests: AtomicU64,
    /// Requests to `/api/…` by method and path (lower case, without the query): `GET /api/client`.
    api_paths: Mutex<HashMap<String, u64>>,
    token_requests: AtomicU64,
    /// Requests refused for the hosted rate limit (not injected 429s).
    rate_refusals: AtomicU64,
    pub writes: Recorder,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Inner {
    pub fn store(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn store_mut(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn auth_state(&self) -> MutexGuard<'_, AuthState> {
        lock(&self.auth)
    }

    /// Counts a request to `/api/…` or `/auth/token` (before faults, so injected failures count).
    pub fn count_request(&self, method: &str, path: &str) {
        if path.starts_with("/api/") {
            self.api_requests.fetch_add(1, Ordering::Relaxed);
            let key = format!("{method} {}", path.to_ascii_lowercase());
            *lock(&self.api_paths).entry(key).or_default() += 1;
        } else if path.eq_ignore_ascii_case("/auth/token") {
            self.token_requests.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The hosted limit: `rate_limit` requests per rolling `rate_window` per client id.
    /// Refused requests do not count.
    pub fn rate_check(&self, client_id: &str) -> Result<(), ApiError> {
        let Some(limit) = self.cfg.rate_limit else {
            return Ok(());
        };
        let now = Instant::now();
        let window = self.cfg.rate_window;
        let mut rate = lock(&self.rate);
        let hits = rate.entry(client_id.to_owned()).or_default();
        while hits
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            hits.pop_front();
        }
        if hits.len() >= limit as usize {
            self.rate_refusals.fetch_add(1, Ordering::Relaxed);
            return Err(ApiError::RateLimited(rate_limit_message(
                limit,
                window.as_secs(),
            )));
        }
        hits.push_back(now);
        Ok(())
    }

    /// Back to the seeded data, no faults, no rate-limit history.
    pub fn reset(&self) {
        let fresh = crate::data::generate(self.cfg.scale, self.cfg.seed, &self.cfg.agents);
        *self.store_mut() = fresh;
        lock(&self.faults).cfg = Default::default();
        lock(&self.rate).clear();
    }
}

/// A HaloPSA simulator: an in-memory store behind Halo's auth and resource servers. Cheap to clone.
#[derive(Clone)]
pub struct Simulator {
    inner: Arc<Inner>,
}

impl Simulator {
    /// Generates the demo data (deterministic from `cfg.seed`, sized by `cfg.scale`).
    pub fn new(cfg: SimConfig) -> Self {
        let store = crate::data::generate(cfg.scale, cfg.seed, &cfg.agents);
        let faults = FaultState::new(cfg.faults.clone(), cfg.seed);
        Self {
            inner: Arc::new(Inner {
                cfg,
                store: RwLock::new(store),
                auth: Mutex::new(AuthState::default()),
                faults: Mutex::new(faults),
                rate: Mutex::new(HashMap::new()),
                api_requests: AtomicU64::new(0),
                api_paths: Mutex::new(HashMap::new()),
                token_requests: AtomicU64::new(0),
                rate_refusals: AtomicU64::new(0),
                writes: Recorder::default(),
            }),
        }
    }

    /// The configuration this simulator runs with.
    pub fn config(&self) -> &SimConfig {
        &self.inner.cfg
    }

    /// `/auth/…` and `/api/…` (and `/_control/…` when enabled) at the router's root, so it can be
    /// nested, e.g. under `/_sim`. [`ROUTES`] lists them.
    pub fn router(&self) -> Router {
        let state = self.inner.clone();
        let mut router = Router::new()
            .route("/auth/token", post(auth::token))
            .route("/auth/authorize", get(crate::sign_in_page::authorize))
            .route("/auth/approve", get(auth::approve))
            .route("/api/{*rest}", any(api::dispatch));
        if state.cfg.control {
            router = router.merge(faults::control_routes());
        }
        router
            .layer(middleware::from_fn_with_state(state.clone(), strict::layer))
            .layer(middleware::from_fn_with_state(state.clone(), faults::layer))
            .layer(middleware::from_fn_with_state(
                state.clone(),
                recorder::layer,
            ))
            .with_state(state)
    }

    /// The handle that changes faults and token state at run time.
    pub fn faults(&self) -> Faults {
        Faults {
            sim: self.inner.clone(),
        }
    }

    /// The whole stored record (not the list shape), if it exists.
    pub fn record(&self, entity: Entity, id: i64) -> Option<Value> {
        self.inner
            .store()
            .get(entity, id)
            .map(|r| Value::Object(r.clone()))
    }

    /// Every write (`POST`/`DELETE` under `/api/`) that reached the simulator, oldest first, with its
    /// raw body (the last 1000).
    pub fn writes(&self) -> Vec<RecordedWrite> {
        self.inner.writes.all()
    }

    /// Stores `value` as field `field` of record `id` as it is, past every write check: how a test gives
    /// a record the odd values a real tenant holds (`"01/05/2024"` for a date, `{}` for text). False when
    /// there is no such record.
    pub fn plant(&self, entity: Entity, id: i64, field: &str, value: Value) -> bool {
        let mut fields = serde_json::Map::new();
        fields.insert(field.to_owned(), value);
        self.inner.store_mut().table_mut(entity).merge(id, fields)
    }

    /// Ids of every stored record of `entity`, ascending.
    pub fn ids(&self, entity: Entity) -> Vec<i64> {
        self.inner.store().table(entity).ids().collect()
    }

    /// How many records of `entity` are stored.
    pub fn count(&self, entity: Entity) -> usize {
        self.inner.store().table(entity).len()
    }

    /// Requests that reached `/api/…` (including refused and fault-injected ones).
    pub fn request_count(&self) -> u64 {
        self.inner.api_requests.load(Ordering::Relaxed)
    }

    /// Requests that reached `path` (e.g. `/api/Client`, any case, without the query) with `method`, as
    /// recorded on arrival (including refused and fault-injected ones). A record's own path
    /// (`/api/Client/5`) is another path.
    pub fn requests_to(&self, method: &str, path: &str) -> u64 {
        let key = format!("{method} {}", path.to_ascii_lowercase());
        lock(&self.inner.api_paths).get(&key).copied().unwrap_or(0)
    }

    /// Requests that reached `POST /auth/token`.
    pub fn token_request_count(&self) -> u64 {
        self.inner.token_requests.load(Ordering::Relaxed)
    }

    /// Requests answered 429 because the client went over the hosted rate limit (`rate_limit` per
    /// `rate_window`); injected 429s are not counted.
    pub fn rate_refusals(&self) -> u64 {
        self.inner.rate_refusals.load(Ordering::Relaxed)
    }

    /// The body `GET /api/<entity>?<query>` would return, without HTTP or auth (for benchmarks and
    /// tests of query semantics).
    pub fn list(&self, entity: Entity, query: &str) -> Result<Value, ApiError> {
        let text = self.list_json(entity, query)?;
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Like [`Simulator::list`], as the JSON text the server sends.
    pub fn list_json(&self, entity: Entity, query: &str) -> Result<String, ApiError> {
        let store = self.inner.store();
        query::list(&store, entity, &Params::parse(Some(query)), false)
    }

    /// Regenerates the seeded data and clears faults and rate-limit history.
    pub fn reset(&self) {
        self.inner.reset();
    }
}

/// A simulator served on `127.0.0.1` in a tokio task; stops when dropped.
pub struct RunningSim {
    /// `http://127.0.0.1:PORT`; `/auth` and `/api` live under it.
    pub base_url: String,
    pub sim: Simulator,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningSim {
    /// `{base_url}/api`.
    pub fn api_url(&self) -> String {
        format!("{}/api", self.base_url)
    }

    /// `{base_url}/auth`.
    pub fn auth_url(&self) -> String {
        format!("{}/auth", self.base_url)
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.abort();
    }
}

/// Serves a new simulator on `127.0.0.1:0` (a free port) in a tokio task.
pub async fn spawn(cfg: SimConfig) -> std::io::Result<RunningSim> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let sim = Simulator::new(cfg);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let router = sim.router();
    let task = tokio::spawn(async move {
        let _ = serve(listener, router, async {
            let _ = rx.await;
        })
        .await;
    });
    Ok(RunningSim {
        base_url: format!("http://{addr}"),
        sim,
        shutdown: Some(tx),
        task,
    })
}

/// Serves `router` on `listener` with TCP_NODELAY on every connection until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
