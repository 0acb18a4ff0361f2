//! The outbound rate limiter: one budget per tenant + client id, shared by every token, with two
//! classes of calls.
//!
//! Halo counts requests per application in a *rolling* window (hosted: 300 per 5 minutes). The
//! limiter is GCRA: after a burst of `b` cells it admits one cell every `T`. In any closed
//! interval of length `W` GCRA admits at most `b + floor(W / T)` cells. Choosing
//! `b = max(1, N / 10)` and `T = W / (N - b)` (rounded up to the nanosecond) gives at most
//! `b + (N - b) = N` cells in every rolling window `W`, so Haloscope never exceeds the budget
//! itself, while still allowing a short burst (30 requests at N = 300) for page loads. For
//! `N = 1`, `T` is just over `W`.
//!
//! **Classes.** [`CallClass::Interactive`] calls (page views, server functions) may use the whole
//! budget. [`CallClass::Background`] calls (CSV exports, later bulk jobs) pass two more rules, so
//! page views always go first:
//! - they never take the last [`reserve_for`]`(b) = ceil(b / 2)` cells of the burst: a page view
//!   always finds those free unless page views themselves used them;
//! - they also draw from a second GCRA budget of `share`% of `N` (default 50%), so over any
//!   window background work uses at most that share and page views keep the rest.
//!
//! The GCRA is written out here (a theoretical arrival time under a mutex) rather than taken
//! from governor, because governor cannot ask "is there room for one cell *and* `r` more"
//! without spending them; both classes share one clock and one arrival time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Who a call is for: a person waiting for a page, or work running in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CallClass {
    /// A page view or server function: goes first, may use the whole budget.
    #[default]
    Interactive,
    /// An export or bulk job: uses only what its share leaves, never the page views' reserve.
    Background,
}

impl CallClass {
    /// The metrics label: `interactive` or `background`.
    pub fn label(self) -> &'static str {
        match self {
            CallClass::Interactive => "interactive",
            CallClass::Background => "background",
        }
    }
}

/// The governor-style quota (burst, period) that keeps every rolling `window` within `budget`.
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

/// The background share of `budget`: `percent` of it (at most all of it), at least one call.
pub(crate) fn background_budget(budget: u32, percent: u8) -> u32 {
    let share = (u64::from(budget) * u64::from(percent.min(100)) / 100).max(1);
    u32::try_from(share).unwrap_or(budget)
}

/// Cells of the burst background calls leave for page views: half of it, rounded up.
pub(crate) fn reserve_for(burst: u32) -> u32 {
    burst.div_ceil(2)
}

/// One GCRA bucket: `burst` cells, one more every `period`.
#[derive(Debug)]
struct Gcra {
    period: Duration,
    burst: u32,
    /// The theoretical arrival time of the next cell (`None`: the bucket is full).
    tat: Option<Instant>,
}

impl Gcra {
    fn new(budget: u32, window: Duration) -> Self {
        let (burst, period) = quota_for(budget, window);
        Self {
            period,
            burst,
            tat: None,
        }
    }

    /// How much longer to wait before one cell can be taken leaving `reserve` cells free
    /// (zero: now).
    fn wait(&self, now: Instant, reserve: u32) -> Duration {
        let tat = self.tat.map_or(now, |t| t.max(now));
        // a cell fits when tat + reserve·T ≤ now + (burst − 1)·T
        let needed = tat + self.period * reserve;
        let allowed = now + self.period * self.burst.saturating_sub(1);
        needed.saturating_duration_since(allowed)
    }

    /// Takes one cell (the caller checked [`Gcra::wait`] is zero); returns the cells left.
    fn take(&mut self, now: Instant) -> u32 {
        let tat = self.tat.map_or(now, |t| t.max(now)) + self.period;
        self.tat = Some(tat);
        let horizon = now + self.period * self.burst;
        let left = horizon.saturating_duration_since(tat).as_nanos() / self.period.as_nanos();
        u32::try_from(left).unwrap_or(u32::MAX)
    }
}

struct Buckets {
    /// The whole budget: every call takes one cell here.
    all: Gcra,
    /// The background share: background calls also take one cell here.
    background: Gcra,
}

/// A rolling-window budget for one tenant + client id.
pub(crate) struct Limiter {
    buckets: Option<Mutex<Buckets>>,
    label: String,
}

impl Limiter {
    fn new(budget: u32, window: Duration, share_percent: u8, label: String) -> Self {
        let buckets = (budget > 0).then(|| {
            Mutex::new(Buckets {
                all: Gcra::new(budget, window),
                background: Gcra::new(background_budget(budget, share_percent), window),
            })
        });
        Self { buckets, label }
    }

    /// The limiter for `key` (tenant + client id + budget), shared process-wide so that every
    /// gateway and every agent token of one Halo application draws from the same budget.
    pub(crate) fn shared(
        key: &str,
        budget: u32,
        window: Duration,
        share_percent: u8,
    ) -> Arc<Limiter> {
        static REGISTRY: OnceLock<Mutex<HashMap<String, Arc<Limiter>>>> = OnceLock::new();
        if budget == 0 {
            return Arc::new(Limiter::new(0, window, share_percent, key.to_owned()));
        }
        let full = format!("{key}|{budget}|{}|{share_percent}", window.as_millis());
        let mut map = REGISTRY
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.entry(full)
            .or_insert_with(|| {
                Arc::new(Limiter::new(budget, window, share_percent, key.to_owned()))
            })
            .clone()
    }

    /// Takes a cell for `class` now, or says how long until one could be taken.
    fn try_take(&self, class: CallClass, now: Instant) -> Result<u32, Duration> {
        let Some(buckets) = &self.buckets else {
            return Ok(u32::MAX);
        };
        let mut b = buckets.lock().unwrap_or_else(|e| e.into_inner());
        let wait = match class {
            CallClass::Interactive => b.all.wait(now, 0),
            CallClass::Background => b
                .all
                .wait(now, reserve_for(b.all.burst))
                .max(b.background.wait(now, 0)),
        };
        if !wait.is_zero() {
            return Err(wait);
        }
        if class == CallClass::Background {
            b.background.take(now);
        }
        Ok(b.all.take(now))
    }

    /// Waits until the budget allows one more call of `class`. With a `deadline`, a wait that
    /// would end after it is not started: `Err(wait)` says how long the budget needs.
    pub(crate) async fn acquire(
        &self,
        class: CallClass,
        deadline: Option<Instant>,
    ) -> Result<(), Duration> {
        if self.buckets.is_none() {
            return Ok(());
        }
        let started = Instant::now();
        loop {
            let now = Instant::now();
            match self.try_take(class, now) {
                Ok(left) => {
                    metrics::gauge!("halo_rate_limit_budget_remaining", "limiter" => self.label.clone())
                        .set(f64::from(left));
                    let waited = started.elapsed().as_secs_f64();
                    metrics::histogram!("halo_rate_limit_wait_seconds", "class" => class.label())
                        .record(waited);
                    return Ok(());
                }
                Err(wait) => {
                    if deadline.is_some_and(|d| now + wait >= d) {
                        metrics::counter!("halo_rate_limit_refused_total", "class" => class.label())
                            .increment(1);
                        return Err(wait);
                    }
                    tokio::time::sleep(wait).await;
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

    #[test]
    fn background_calls_leave_the_reserve_to_page_views() {
        // 30 per 5 minutes: a burst of 3, of which background may take only the first
        let l = Limiter::new(30, Duration::from_secs(300), 50, "t".into());
        let now = Instant::now();
        assert_eq!(l.try_take(CallClass::Background, now), Ok(2));
        let wait = l.try_take(CallClass::Background, now).unwrap_err();
        assert!(wait > Duration::from_secs(5), "{wait:?}");
        // page views still find their two cells at once
        assert_eq!(l.try_take(CallClass::Interactive, now), Ok(1));
        assert_eq!(l.try_take(CallClass::Interactive, now), Ok(0));
        assert!(l.try_take(CallClass::Interactive, now).is_err());
    }

    #[test]
    fn the_background_share_caps_background_work_when_page_views_are_idle() {
        // 300 per 5 minutes: burst 30, reserve 15; the background share is 150 (burst 15)
        let l = Limiter::new(300, Duration::from_secs(300), 50, "t".into());
        let now = Instant::now();
        let taken = (0..100)
            .take_while(|_| l.try_take(CallClass::Background, now).is_ok())
            .count();
        assert_eq!(taken, 15, "background stops at the reserve and its share");
        let pages = (0..100)
            .take_while(|_| l.try_take(CallClass::Interactive, now).is_ok())
            .count();
        assert_eq!(pages, 15, "page views keep the rest of the burst");
    }

    #[tokio::test]
    async fn a_wait_that_would_pass_the_deadline_is_refused_at_once() {
        let l = Limiter::new(10, Duration::from_secs(60), 50, "t".into());
        let deadline = Some(Instant::now() + Duration::from_secs(1));
        assert_eq!(l.acquire(CallClass::Interactive, deadline).await, Ok(()));
        let started = Instant::now();
        let wait = l
            .acquire(CallClass::Interactive, deadline)
            .await
            .unwrap_err();
        assert!(wait > Duration::from_secs(1), "{wait:?}");
        assert!(started.elapsed() < Duration::from_millis(100));
    }
}
