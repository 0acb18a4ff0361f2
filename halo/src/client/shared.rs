//! State that several Haloscope processes (replicas) must agree on: the rolling-window budget and the
//! pause after a 429 of one HaloPSA application, and which cached reads a write made stale. One process
//! keeps all of it in memory (`limiter.rs`, `cache.rs`); with replicas the server hands the gateway a
//! [`SharedState`] (on Redis) and every admission asks it instead, so N replicas together still send at
//! most the one budget.
//!
//! The trait is small on purpose: the GCRA arithmetic runs where the state lives (atomically, on one
//! clock), and this crate only asks "may one call of this class go now, and if not, how long until it
//! may".

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;

use super::limiter::{background_budget, quota_for, reserve_for, CallClass};
use super::token::TokenSet;
use super::GatewayConfig;
use crate::Error;

/// The shape of one budget, for a store that runs the GCRA itself: the whole budget and the background
/// share as (burst, period), and the burst cells background calls leave to page views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    /// Cells of the whole budget's burst; 0: no limit (only a 429 pause holds calls back).
    pub burst: u32,
    /// One more cell of the whole budget every `period`.
    pub period: Duration,
    /// The background share's burst.
    pub background_burst: u32,
    /// The background share's period.
    pub background_period: Duration,
    /// Cells of the whole burst a background call never takes.
    pub reserve: u32,
}

impl Quota {
    /// The quota that keeps every rolling `cfg.rate_window` within `cfg.rate_limit`, with the
    /// background share of `cfg.background_share` percent (the same numbers the in-process limiter uses).
    pub fn of(cfg: &GatewayConfig) -> Quota {
        if cfg.rate_limit == 0 {
            return Quota {
                burst: 0,
                period: Duration::ZERO,
                background_burst: 0,
                background_period: Duration::ZERO,
                reserve: 0,
            };
        }
        let (burst, period) = quota_for(cfg.rate_limit, cfg.rate_window);
        let share = background_budget(cfg.rate_limit, cfg.background_share);
        let (background_burst, background_period) = quota_for(share, cfg.rate_window);
        Quota {
            burst,
            period,
            background_burst,
            background_period,
            reserve: reserve_for(burst),
        }
    }
}

/// The shared store's answer to "may one call go now".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Taken.
    Granted {
        /// Cells of the burst that remain.
        left: u32,
    },
    /// HaloPSA answered 429 to some replica: nobody calls for this long.
    Paused(Duration),
    /// The budget has no cell for this class for this long.
    Wait(Duration),
}

/// The shared store could not be asked (down, timed out); nothing was sent to HaloPSA.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{0}")]
pub struct SharedUnavailable(pub String);

/// What replicas share; implemented by the server (on Redis). `budget` names one HaloPSA application
/// (API base + client id).
pub trait SharedState: Send + Sync + 'static {
    /// Takes one cell of `budget` for `class`, unless a 429 pause holds or no cell is free.
    fn admit<'a>(
        &'a self,
        budget: &'a str,
        quota: Quota,
        class: CallClass,
    ) -> BoxFuture<'a, Result<Admission, SharedUnavailable>>;

    /// Every replica holds its calls to `budget` for `wait` (kept when a longer pause is already set).
    fn pause<'a>(
        &'a self,
        budget: &'a str,
        wait: Duration,
    ) -> BoxFuture<'a, Result<(), SharedUnavailable>>;

    /// Tells every other replica that `entity`'s cached reads are stale.
    fn invalidated(&self, entity: &'static str) -> BoxFuture<'_, Result<(), SharedUnavailable>>;

    /// The token kept for every replica under `name` (the store seals it), if any.
    fn token<'a>(
        &'a self,
        _name: &'a str,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, SharedUnavailable>> {
        Box::pin(async { Ok(None) })
    }

    /// Keeps `token` for every replica under `name` for `ttl`.
    fn keep_token<'a>(
        &'a self,
        _name: &'a str,
        _token: &'a TokenSet,
        _ttl: Duration,
    ) -> BoxFuture<'a, Result<(), SharedUnavailable>> {
        Box::pin(async { Ok(()) })
    }

    /// Takes the lock `name` for at most `hold` (it lapses if its holder dies); false while another
    /// replica holds it.
    fn lock<'a>(
        &'a self,
        _name: &'a str,
        _hold: Duration,
    ) -> BoxFuture<'a, Result<bool, SharedUnavailable>> {
        Box::pin(async { Ok(true) })
    }

    /// Gives the lock `name` back.
    fn unlock<'a>(&'a self, _name: &'a str) -> BoxFuture<'a, Result<(), SharedUnavailable>> {
        Box::pin(async { Ok(()) })
    }
}

/// A shared state, cheap to clone.
pub type Shared = Arc<dyn SharedState>;

impl From<SharedUnavailable> for Error {
    fn from(e: SharedUnavailable) -> Self {
        Error::SharedStore { message: e.0 }
    }
}

/// Waits until the shared budget lets one call of `class` go. A pause answers at once when
/// `answer_at_once` (a new page view should not queue behind HaloPSA's 429); no wait starts that would
/// end after `deadline`.
pub(crate) async fn admit(
    shared: &dyn SharedState,
    budget: &str,
    quota: Quota,
    class: CallClass,
    deadline: Option<Instant>,
    answer_at_once: bool,
) -> Result<(), Error> {
    let started = Instant::now();
    loop {
        let wait = match shared.admit(budget, quota, class).await? {
            Admission::Granted { left } => {
                metrics::gauge!("halo_rate_limit_budget_remaining", "limiter" => "shared")
                    .set(f64::from(left));
                metrics::histogram!("halo_rate_limit_wait_seconds", "class" => class.label())
                    .record(started.elapsed().as_secs_f64());
                return Ok(());
            }
            Admission::Paused(wait) if answer_at_once => {
                return Err(Error::rate_limited(Some(wait)))
            }
            Admission::Paused(wait) | Admission::Wait(wait) => wait,
        };
        if deadline.is_some_and(|d| Instant::now() + wait >= d) {
            metrics::counter!("halo_rate_limit_refused_total", "class" => class.label())
                .increment(1);
            return Err(Error::rate_limited(Some(wait)));
        }
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(limit: u32) -> GatewayConfig {
        let mut c = GatewayConfig::new(
            "http://127.0.0.1:1/api".parse().unwrap(),
            "http://127.0.0.1:1/auth".parse().unwrap(),
            "id",
        );
        c.rate_limit = limit;
        c
    }

    #[test]
    fn the_shared_quota_is_the_in_process_limiters() {
        let q = Quota::of(&cfg(300));
        assert_eq!((q.burst, q.background_burst, q.reserve), (30, 15, 15));
        assert_eq!(q.period, quota_for(300, Duration::from_secs(300)).1);
        assert_eq!(Quota::of(&cfg(0)).burst, 0, "0 turns the limiter off");
    }
}
