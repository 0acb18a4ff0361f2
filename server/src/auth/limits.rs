//! Sign-in limits. Password sign-ins (service mode) count *failures* — per (account, address) and per
//! address — so a stranger who guesses wrong from their own address never locks the real person out; a
//! per-account ceiling engages only when failures come from several addresses (a guesser spread over
//! many). Agent mode's sign-in start and the OAuth callback keep a plain per-address attempt limit
//! (governor). Addresses are compared as [`limit_key`]s: IPv4-mapped IPv6 as IPv4, IPv6 by /64.

use crate::client_ip::limit_key;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::{HashSet, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Attempts per address at the agent sign-in and callback: 10 at once, then one every 6 s.
pub const PER_IP_BURST: u32 = 10;
pub const PER_IP_EVERY: Duration = Duration::from_secs(6);
/// Failed passwords for one account from one address: this many within [`PAIR_WINDOW`].
pub const PAIR_FAILURES: usize = 5;
pub const PAIR_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Failed passwords from one address, whatever the account: this many within [`ADDRESS_WINDOW`].
pub const ADDRESS_FAILURES: usize = 20;
pub const ADDRESS_WINDOW: Duration = Duration::from_secs(5 * 60);
/// The per-account ceiling: this many failures within [`CEILING_WINDOW`]…
pub const CEILING_FAILURES: usize = 10;
/// …coming from at least this many addresses, and every sign-in to the account waits.
pub const CEILING_ADDRESSES: usize = 3;
pub const CEILING_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Most keys each failure log remembers (older, idle ones are dropped first).
const MAX_KEYS: u64 = 100_000;

/// Why a sign-in was refused before its password was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This address failed too often (any account).
    Address,
    /// This account failed too often from this address.
    AccountAtAddress,
    /// This account failed too often from several addresses.
    AccountCeiling,
}

impl Refusal {
    /// The reason in the audit log.
    pub fn why(self) -> &'static str {
        match self {
            Refusal::Address => "too many failed sign-ins from this address",
            Refusal::AccountAtAddress => {
                "too many failed sign-ins for this account from this address"
            }
            Refusal::AccountCeiling => {
                "too many failed sign-ins for this account from several addresses"
            }
        }
    }
}

/// One key's recent failures: when, and from which address (oldest first).
type Failures = Arc<Mutex<VecDeque<(Instant, IpAddr)>>>;

/// Recent failures per key within a window; bounded (moka) and forgotten when idle.
#[derive(Clone)]
struct FailureLog<K: Hash + Eq + Send + Sync + 'static> {
    window: Duration,
    entries: moka::sync::Cache<K, Failures>,
}

impl<K: Hash + Eq + Clone + Send + Sync + 'static> FailureLog<K> {
    fn new(window: Duration) -> Self {
        Self {
            window,
            entries: moka::sync::Cache::builder()
                .max_capacity(MAX_KEYS)
                .time_to_idle(window)
                .build(),
        }
    }

    /// The failures of `key` still inside the window, oldest first.
    fn recent(&self, key: &K, now: Instant) -> Vec<(Instant, IpAddr)> {
        let Some(list) = self.entries.get(key) else {
            return Vec::new();
        };
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        while list
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) >= self.window)
        {
            list.pop_front();
        }
        list.iter().copied().collect()
    }

    fn add(&self, key: K, at: Instant, ip: IpAddr) {
        let list = self.entries.get_with(key, Default::default);
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        list.push_back((at, ip));
        // never more than the largest limit needs
        while list.len() > CEILING_FAILURES.max(ADDRESS_FAILURES) {
            list.pop_front();
        }
    }

    /// `Some(wait)` when `key` has `max` or more failures in the window.
    fn over(&self, key: &K, max: usize, now: Instant) -> Option<Duration> {
        let recent = self.recent(key, now);
        (recent.len() >= max).then(|| self.wait(&recent, max, now))
    }

    /// How long until fewer than `max` failures remain in the window.
    fn wait(&self, recent: &[(Instant, IpAddr)], max: usize, now: Instant) -> Duration {
        let first_to_go = recent[recent.len() - max].0;
        (first_to_go + self.window).saturating_duration_since(now)
    }
}

/// The sign-in limits this server keeps: in memory, or (replicas) in Redis so that every replica counts
/// the same attempts. `Err` only when Redis cannot be asked.
#[derive(Clone)]
pub enum Limits {
    Local(Box<SignInLimits>),
    Shared(crate::shared::limits::SharedLimits),
}

type Shared<T> = Result<T, crate::shared::Down>;

impl Limits {
    /// See [`SignInLimits::check_ip`].
    pub async fn check_ip(&self, ip: IpAddr) -> Shared<Result<(), u64>> {
        match self {
            Limits::Local(l) => Ok(l.check_ip(ip)),
            Limits::Shared(s) => s.check_ip(ip).await,
        }
    }

    /// See [`SignInLimits::check_password`].
    pub async fn check_password(
        &self,
        name: &str,
        ip: IpAddr,
    ) -> Shared<Result<(), (Refusal, u64)>> {
        match self {
            Limits::Local(l) => Ok(l.check_password(name, ip)),
            Limits::Shared(s) => s.check_password(name, ip).await,
        }
    }

    /// See [`SignInLimits::record_failure`].
    pub async fn record_failure(&self, name: &str, ip: IpAddr) -> Shared<Option<usize>> {
        match self {
            Limits::Local(l) => Ok(l.record_failure(name, ip)),
            Limits::Shared(s) => s.record_failure(name, ip).await,
        }
    }

    /// See [`SignInLimits::record_success`].
    pub async fn record_success(&self, name: &str, ip: IpAddr) -> Shared<()> {
        match self {
            Limits::Local(l) => {
                l.record_success(name, ip);
                Ok(())
            }
            Limits::Shared(s) => s.record_success(name, ip).await,
        }
    }
}

/// Every sign-in limit; cheap to clone.
#[derive(Clone)]
pub struct SignInLimits {
    per_ip: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    pair: FailureLog<(String, IpAddr)>,
    address: FailureLog<IpAddr>,
    account: FailureLog<String>,
}

fn quota(burst: u32, every: Duration) -> Quota {
    Quota::with_period(every)
        .expect("period is not zero")
        .allow_burst(NonZeroU32::new(burst).expect("burst is not zero"))
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_ip: Arc::new(RateLimiter::keyed(quota(PER_IP_BURST, PER_IP_EVERY))),
            pair: FailureLog::new(PAIR_WINDOW),
            address: FailureLog::new(ADDRESS_WINDOW),
            account: FailureLog::new(CEILING_WINDOW),
        }
    }
}

/// The account key: the canonical name; names no account can have share one key, so made-up names
/// cannot fill memory.
pub(crate) fn account_key(name: &str) -> String {
    crate::users::Users::canonical_name(name.trim())
        .unwrap_or_else(|| "(not an account name)".to_owned())
}

/// Seconds to tell a person, at least one.
pub(crate) fn secs(d: Duration) -> u64 {
    d.as_secs_f64().ceil().max(1.0) as u64
}

impl SignInLimits {
    /// Agent sign-in and callback: `Err(seconds to wait)` when `ip` has used its attempts.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), u64> {
        if self.per_ip.len() > 10_000 {
            self.per_ip.retain_recent();
        }
        self.per_ip.check_key(&limit_key(ip)).map_err(wait_secs)
    }

    /// Before a password is checked: `Err` with why and the seconds to wait when account `name` may not
    /// be tried from `ip` now.
    pub fn check_password(&self, name: &str, ip: IpAddr) -> Result<(), (Refusal, u64)> {
        let (now, ip, account) = (Instant::now(), limit_key(ip), account_key(name));
        if let Some(wait) = self.address.over(&ip, ADDRESS_FAILURES, now) {
            return Err((Refusal::Address, secs(wait)));
        }
        if let Some(wait) = self.pair.over(&(account.clone(), ip), PAIR_FAILURES, now) {
            return Err((Refusal::AccountAtAddress, secs(wait)));
        }
        if let Some(wait) = self.ceiling(&account, now) {
            return Err((Refusal::AccountCeiling, secs(wait)));
        }
        Ok(())
    }

    /// A wrong password for `name` from `ip`. `Some(addresses)` when this failure engaged the account's
    /// ceiling (for the audit log).
    pub fn record_failure(&self, name: &str, ip: IpAddr) -> Option<usize> {
        let (now, ip, account) = (Instant::now(), limit_key(ip), account_key(name));
        let before = self.ceiling(&account, now).is_some();
        self.address.add(ip, now, ip);
        self.pair.add((account.clone(), ip), now, ip);
        self.account.add(account.clone(), now, ip);
        if before || self.ceiling(&account, now).is_none() {
            return None;
        }
        Some(addresses(&self.account.recent(&account, now)))
    }

    /// A correct password: this address's failures for the account are forgotten.
    pub fn record_success(&self, name: &str, ip: IpAddr) {
        self.pair
            .entries
            .invalidate(&(account_key(name), limit_key(ip)));
    }

    /// `Some(wait)` while the account's ceiling is engaged.
    fn ceiling(&self, account: &String, now: Instant) -> Option<Duration> {
        let recent = self.account.recent(account, now);
        let engaged = recent.len() >= CEILING_FAILURES && addresses(&recent) >= CEILING_ADDRESSES;
        engaged.then(|| self.account.wait(&recent, CEILING_FAILURES, now))
    }
}

/// How many different addresses the failures (at whatever time) came from.
pub(crate) fn addresses<T>(failures: &[(T, IpAddr)]) -> usize {
    failures
        .iter()
        .map(|(_, ip)| ip)
        .collect::<HashSet<_>>()
        .len()
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

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_strangers_failures_do_not_lock_out_the_real_person() {
        let l = SignInLimits::default();
        for _ in 0..PAIR_FAILURES {
            assert!(l.check_password("alice", ip("192.0.2.66")).is_ok());
            assert_eq!(l.record_failure("alice", ip("192.0.2.66")), None);
        }
        let (why, wait) = l.check_password("Alice", ip("192.0.2.66")).unwrap_err();
        assert_eq!(why, Refusal::AccountAtAddress);
        assert!((1..=300).contains(&wait), "{wait}");
        assert!(l.check_password("alice", ip("198.51.100.7")).is_ok());
        assert!(
            l.check_password("bob", ip("192.0.2.66")).is_ok(),
            "other accounts"
        );
    }

    #[test]
    fn the_ceiling_needs_several_addresses_and_is_reported_once() {
        let l = SignInLimits::default();
        let mut engaged = Vec::new();
        for i in 0..CEILING_FAILURES {
            let from = ip(&format!("203.0.113.{}", i % CEILING_ADDRESSES));
            engaged.push(l.record_failure("carol", from));
        }
        let reported: Vec<usize> = engaged.into_iter().flatten().collect();
        assert_eq!(reported, vec![CEILING_ADDRESSES]);
        let (why, _) = l.check_password("carol", ip("198.51.100.9")).unwrap_err();
        assert_eq!(why, Refusal::AccountCeiling);
        // the same number of failures from two addresses only is not the ceiling
        let l = SignInLimits::default();
        for i in 0..CEILING_FAILURES {
            let from = ip(&format!("203.0.113.{}", i % 2));
            assert_eq!(l.record_failure("dave", from), None);
        }
        assert!(l.check_password("dave", ip("198.51.100.9")).is_ok());
    }

    #[test]
    fn an_ipv6_slash_64_is_one_address() {
        let l = SignInLimits::default();
        for i in 0..ADDRESS_FAILURES {
            l.record_failure(&format!("user{i}"), ip(&format!("2001:db8:1:2::{i:x}")));
        }
        let (why, _) = l
            .check_password("someone", ip("2001:db8:1:2:ffff::1"))
            .unwrap_err();
        assert_eq!(why, Refusal::Address);
        assert!(l.check_password("someone", ip("2001:db8:1:3::1")).is_ok());
    }

    #[test]
    fn a_correct_password_clears_that_addresss_failures_for_the_account() {
        let l = SignInLimits::default();
        for _ in 0..PAIR_FAILURES - 1 {
            l.record_failure("erin", ip("192.0.2.5"));
        }
        l.record_success("erin", ip("192.0.2.5"));
        l.record_failure("erin", ip("192.0.2.5"));
        assert!(l.check_password("erin", ip("192.0.2.5")).is_ok());
    }
}
