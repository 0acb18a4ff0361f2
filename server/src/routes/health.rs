//! `/healthz` (the process answers) and `/readyz` (HaloPSA answers too, and with replicas Redis).
//!
//! `/readyz` is public and anyone may poll it, so it never calls HaloPSA per request: the upstream check is
//! made at most once every [`READY_CACHE`] (concurrent callers wait for the one check in flight), and the
//! answer is one fixed word per state — `ok`, `rate-limited`, `unreachable` — never HaloPSA's own error
//! text, which goes to the log instead. The header's status light reads these words.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How long one upstream check answers `/readyz`.
pub const READY_CACHE: Duration = Duration::from_secs(5);

/// What `/readyz` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// HaloPSA answers.
    Ok,
    /// HaloPSA (or Haloscope's own budget) is rate-limiting Haloscope.
    RateLimited,
    /// HaloPSA does not answer, or not usefully (refused credentials, errors, timeouts).
    Unreachable,
    /// Replicas: the Redis they share does not answer (checked before HaloPSA, on every request).
    SharedStoreDown,
}

impl Readiness {
    /// The state from the result of an upstream check.
    pub fn of(result: &Result<(), halo::Error>) -> Self {
        match result {
            Ok(()) => Readiness::Ok,
            Err(halo::Error::RateLimited { .. }) => Readiness::RateLimited,
            Err(_) => Readiness::Unreachable,
        }
    }

    /// The one word `/readyz` answers with.
    pub fn word(self) -> &'static str {
        match self {
            Readiness::Ok => "ok",
            Readiness::RateLimited => "rate-limited",
            Readiness::Unreachable => "unreachable",
            Readiness::SharedStoreDown => "redis-unreachable",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Readiness::Ok => StatusCode::OK,
            _ => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// The last upstream check and when it was made; shared by every `/readyz` request. `seen` holds the same
/// for pages (the header's status light starts from it).
#[derive(Clone, Default)]
pub struct ReadyCache {
    last: Arc<Mutex<Option<(Instant, Readiness)>>>,
    pub seen: app::state::server::LastUpstreamCheck,
}

/// Always 200 `ok` while the process serves requests.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 `ok` when the upstream answers, else 503 with `rate-limited` or `unreachable`; with replicas, 503
/// `redis-unreachable` first while Redis does not answer (a ping, cheap enough for every probe).
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Some(redis) = &state.shared {
        if let Err(e) = redis.ping().await {
            tracing::warn!(error = %e, "not ready");
            let r = Readiness::SharedStoreDown;
            state.ready.seen.record(r.word());
            return (r.status(), r.word());
        }
    }
    // held across the check: callers arriving meanwhile wait for its answer instead of asking HaloPSA too
    let mut last = state.ready.last.lock().await;
    let fresh = last.filter(|(at, _)| at.elapsed() < READY_CACHE);
    let readiness = match fresh {
        Some((_, r)) => r,
        None => {
            let result = state.upstream.ready().await;
            let r = Readiness::of(&result);
            if let Err(e) = &result {
                tracing::warn!(error = %e, state = r.word(), "HaloPSA is not ready");
            }
            *last = Some((Instant::now(), r));
            state.ready.seen.record(r.word());
            r
        }
    };
    (readiness.status(), readiness.word())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_is_one_fixed_word() {
        assert_eq!(Readiness::of(&Ok(())).word(), "ok");
        let limited = Err(halo::Error::rate_limited(Some(Duration::from_secs(9))));
        assert_eq!(Readiness::of(&limited).word(), "rate-limited");
        let refused = Err(halo::Error::Unauthorized);
        assert_eq!(Readiness::of(&refused).word(), "unreachable");
        assert_eq!(
            Readiness::Unreachable.status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
