//! When to retry an upstream call, as a pure function (unit-tested without HTTP).

use std::time::Duration;

/// The HTTP methods Haloscope uses against Halo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Reads: safe to repeat.
    Get,
    /// Creates/updates and actions: repeated only after a 429 (which Halo did not process).
    Post,
    /// Deletes: repeated only after a 429.
    Delete,
}

/// How one attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Halo answered with this status.
    Status(u16),
    /// The request timed out.
    Timeout,
    /// The connection could not be made or broke.
    Transport,
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Return the outcome to the caller.
    Stop,
    /// Wait this long, then try again.
    RetryAfter(Duration),
}

/// Retry and back-off settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries of a GET after a 5xx, timeout or connection error.
    pub max_retries: u32,
    /// First back-off for those (doubling, jittered).
    pub base_delay: Duration,
    /// Longest back-off for those.
    pub max_delay: Duration,
    /// Retries after a 429 (any method).
    pub max_rate_limit_retries: u32,
    /// First wait after a 429 without `Retry-After` (Halo: 5 s, doubling).
    pub rate_limit_base: Duration,
    /// Longest wait after a 429; a longer `Retry-After` stops retrying.
    pub rate_limit_max: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(5),
            max_rate_limit_retries: 3,
            rate_limit_base: Duration::from_secs(5),
            rate_limit_max: Duration::from_secs(60),
        }
    }
}

fn doubled(base: Duration, retry: u32, cap: Duration) -> Duration {
    let factor = 1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX);
    base.saturating_mul(factor).min(cap)
}

/// Decides whether to retry after `outcome`. `retry` counts retries already made (0 after the
/// first attempt); `retry_after` is Halo's `Retry-After`, if any; `jitter` in `[0, 1)` spreads
/// 5xx/transport back-offs between half and all of the exponential delay.
///
/// * 429: any method, up to `max_rate_limit_retries`, waiting `Retry-After` or
///   `rate_limit_base` doubling to `rate_limit_max` (a longer `Retry-After` stops).
/// * 500/502/503/504, timeouts, connection errors: GET only, up to `max_retries`, jittered.
/// * everything else: stop.
pub fn decide(
    policy: &RetryPolicy,
    method: Method,
    outcome: Outcome,
    retry: u32,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Decision {
    match outcome {
        Outcome::Status(429) => {
            if retry >= policy.max_rate_limit_retries {
                return Decision::Stop;
            }
            match retry_after {
                Some(d) if d > policy.rate_limit_max => Decision::Stop,
                Some(d) => Decision::RetryAfter(d),
                None => Decision::RetryAfter(doubled(
                    policy.rate_limit_base,
                    retry,
                    policy.rate_limit_max,
                )),
            }
        }
        Outcome::Status(500 | 502 | 503 | 504) | Outcome::Timeout | Outcome::Transport
            if method == Method::Get && retry < policy.max_retries =>
        {
            let full = doubled(policy.base_delay, retry, policy.max_delay);
            let j = jitter.clamp(0.0, 1.0);
            Decision::RetryAfter(full.mul_f64(0.5 + j / 2.0))
        }
        _ => Decision::Stop,
    }
}

/// A `Retry-After` header: seconds, or an HTTP date.
pub(crate) fn parse_retry_after(v: Option<&reqwest::header::HeaderValue>) -> Option<Duration> {
    let s = v?.to_str().ok()?.trim();
    if let Ok(secs) = s.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(s).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
        .to_std()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> RetryPolicy {
        RetryPolicy {
            max_rate_limit_retries: 10,
            ..RetryPolicy::default()
        }
    }

    #[test]
    fn rate_limit_backs_off_from_5s_doubling_to_60s() {
        let waits: Vec<_> = (0..6)
            .map(|n| decide(&p(), Method::Post, Outcome::Status(429), n, None, 0.5))
            .collect();
        let secs = |s| Decision::RetryAfter(Duration::from_secs(s));
        assert_eq!(
            waits,
            vec![secs(5), secs(10), secs(20), secs(40), secs(60), secs(60)]
        );
        assert_eq!(
            decide(&p(), Method::Get, Outcome::Status(429), 10, None, 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn retry_after_is_honoured_unless_too_long() {
        let d = Duration::from_secs(7);
        assert_eq!(
            decide(&p(), Method::Get, Outcome::Status(429), 0, Some(d), 0.0),
            Decision::RetryAfter(d)
        );
        let long = Duration::from_secs(3600);
        assert_eq!(
            decide(&p(), Method::Get, Outcome::Status(429), 0, Some(long), 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn server_errors_retry_gets_only_with_jitter() {
        let pol = RetryPolicy::default();
        for o in [
            Outcome::Status(500),
            Outcome::Status(503),
            Outcome::Timeout,
            Outcome::Transport,
        ] {
            assert_eq!(decide(&pol, Method::Post, o, 0, None, 0.3), Decision::Stop);
            assert_eq!(
                decide(&pol, Method::Delete, o, 0, None, 0.3),
                Decision::Stop
            );
            assert_eq!(
                decide(&pol, Method::Get, o, 0, None, 0.0),
                Decision::RetryAfter(Duration::from_millis(125))
            );
            assert_eq!(
                decide(&pol, Method::Get, o, 1, None, 1.0),
                Decision::RetryAfter(Duration::from_millis(500))
            );
            assert_eq!(decide(&pol, Method::Get, o, 2, None, 0.0), Decision::Stop);
        }
    }

    #[test]
    fn client_errors_never_retry() {
        for s in [400, 401, 403, 404, 422, 501] {
            assert_eq!(
                decide(&p(), Method::Get, Outcome::Status(s), 0, None, 0.0),
                Decision::Stop
            );
        }
    }
}
