//! The outbound rate limiter: one budget per tenant + client id, shared by every token.
//!
//! Halo counts requests per application in a *rolling* window (hosted: 300 per 5 minutes).
//! governor implements GCRA: after a burst of `b` cells it admits one cell every `T`. In any
//! closed interval of length `W` GCRA admits at most `b + floor(W / T)` cells. Choosing
//! `b = max(1, N / 10)` and `T = W / (N - b)` (rounded up to the nanosecond) gives at most
//! `b + (N - b) = N` cells in every rolling window `W`, so Haloscope never exceeds the budget
//! itself, while still allowing a short burst (30 requests at N = 300) for page loads. For
//! `N = 1`, `T` is just over `W`.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

type Inner = RateLimiter<NotKeyed, InMemoryState, DefaultClock, StateInformationMiddleware>;

/// A rolling-window budget for one tenant + client id.
pub(crate) struct Limiter {
    inner: Option<Inner>,
    label: String,
}

/// The governor quota (burst, period) that keeps every rolling `window` within `budget`.
pub(crate) fn quota_for(budget: u32, window: Duration) -> (u32, Duration) {
    let burst = (budget / 10).max(1);
    let period = if budget > burst {
        let nanos = window.as_nanos().div_ceil(u128::from(budget - burst));
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    } else {
        window + Duration::from_millis(1)
    };
    (burst, period)
}

impl Limiter {
    fn new(budget: u32, window: Duration, label: String) -> Self {
        let inner = NonZeroU32::new(budget).and_then(|_| {
            let (burst, period) = quota_for(budget, window);
            let quota = Quota::with_period(period)?.allow_burst(NonZeroU32::new(burst)?);
            Some(RateLimiter::direct(quota).with_middleware::<StateInformationMiddleware>())
        });
        Self { inner, label }
    }

    /// The limiter for `key` (tenant + client id + budget), shared process-wide so that every
    /// gateway and every agent token of one Halo application draws from the same budget.
    pub(crate) fn shared(key: &str, budget: u32, window: Duration) -> Arc<Limiter> {
        static REGISTRY: OnceLock<Mutex<HashMap<String, Arc<Limiter>>>> = OnceLock::new();
        if budget == 0 {
            return Arc::new(Limiter::new(0, window, key.to_owned()));
        }
        let full = format!("{key}|{budget}|{}", window.as_millis());
        let mut map = REGISTRY
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.entry(full)
            .or_insert_with(|| Arc::new(Limiter::new(budget, window, key.to_owned())))
            .clone()
    }

    /// Waits until the budget allows one more request.
    pub(crate) async fn acquire(&self) {
        let Some(inner) = &self.inner else { return };
        let clock = DefaultClock::default();
        loop {
            match inner.check() {
                Ok(snapshot) => {
                    metrics::gauge!("halo_rate_limit_budget_remaining", "limiter" => self.label.clone())
                        .set(f64::from(snapshot.remaining_burst_capacity()));
                    return;
                }
                Err(not_until) => {
                    metrics::gauge!("halo_rate_limit_budget_remaining", "limiter" => self.label.clone())
                        .set(0.0);
                    tokio::time::sleep(not_until.wait_time_from(clock.now())).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_keeps_every_window_within_budget() {
        for (n, w) in [
            (300u32, 300u64),
            (10, 1),
            (2, 60),
            (1, 300),
            (1000, 300),
            (7, 3),
        ] {
            let window = Duration::from_secs(w);
            let (b, t) = quota_for(n, window);
            let max_in_window = u128::from(b) + window.as_nanos() / t.as_nanos();
            assert!(
                max_in_window <= u128::from(n),
                "{n}/{w}s admits {max_in_window}"
            );
            assert!(b >= 1);
        }
        assert_eq!(quota_for(300, Duration::from_secs(300)).0, 30);
    }
}
