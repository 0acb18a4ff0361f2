//! Sign-in attempt limits (governor): per client address and per account name, so neither one address
//! nor a spread of addresses can guess passwords quickly.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// The two limiters; cheap to clone.
#[derive(Clone)]
pub struct SignInLimits {
    per_ip: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    per_account: Arc<DefaultKeyedRateLimiter<String>>,
}

/// Attempts per address: 10 at once, then one every 6 s (10 a minute).
const PER_IP_BURST: u32 = 10;
const PER_IP_EVERY: Duration = Duration::from_secs(6);
/// Attempts per account name: 5 at once, then one a minute.
const PER_ACCOUNT_BURST: u32 = 5;
const PER_ACCOUNT_EVERY: Duration = Duration::from_secs(60);

fn quota(burst: u32, every: Duration) -> Quota {
    Quota::with_period(every)
        .expect("period is not zero")
        .allow_burst(NonZeroU32::new(burst).expect("burst is not zero"))
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_ip: Arc::new(RateLimiter::keyed(quota(PER_IP_BURST, PER_IP_EVERY))),
            per_account: Arc::new(RateLimiter::keyed(quota(
                PER_ACCOUNT_BURST,
                PER_ACCOUNT_EVERY,
            ))),
        }
    }
}

impl SignInLimits {
    /// `Err(seconds to wait)` when `ip` has used its attempts.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), u64> {
        self.forget_old();
        self.per_ip.check_key(&ip).map_err(wait_secs)
    }

    /// `Err(seconds to wait)` when account `name` (compared case-insensitively) has used its attempts. Names
    /// that cannot be account names share one key, so made-up names cannot fill memory.
    pub fn check_account(&self, name: &str) -> Result<(), u64> {
        let key = crate::users::Users::canonical_name(name.trim())
            .unwrap_or_else(|| "(not an account name)".to_owned());
        self.per_account.check_key(&key).map_err(wait_secs)
    }

    fn forget_old(&self) {
        if self.per_ip.len() > 10_000 {
            self.per_ip.retain_recent();
        }
        if self.per_account.len() > 10_000 {
            self.per_account.retain_recent();
        }
    }
}

fn wait_secs(not_until: governor::NotUntil<<DefaultClock as Clock>::Instant>) -> u64 {
    not_until
        .wait_time_from(DefaultClock::default().now())
        .as_secs()
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_and_an_account_run_out_separately() {
        let l = SignInLimits::default();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..PER_IP_BURST {
            assert!(l.check_ip(ip).is_ok());
        }
        let wait = l.check_ip(ip).unwrap_err();
        assert!((1..=6).contains(&wait), "{wait}");
        assert!(l.check_ip("192.0.2.2".parse().unwrap()).is_ok());
        for _ in 0..PER_ACCOUNT_BURST {
            assert!(l.check_account("Alice").is_ok());
        }
        assert!(
            l.check_account(" alice ").is_err(),
            "names compare case-insensitively"
        );
        assert!(l.check_account("bob").is_ok());
        // names no account can have share one allowance, so made-up names cannot fill memory
        for i in 0..PER_ACCOUNT_BURST {
            assert!(l.check_account(&format!("no such name {i} <>")).is_ok());
        }
        assert!(l.check_account("another one!").is_err());
    }
}
