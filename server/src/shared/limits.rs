//! The sign-in limits of `auth::limits` kept in Redis, for replicas: a guesser spread over the replicas
//! still meets one limit, not one per replica. The rules and numbers are the same; the per-address attempt
//! limit of agent sign-ins is the budget's GCRA script with its own key, and each failure log is a sorted set
//! (score: the failure's time in ms; member: time, address and a random tag) trimmed to its window.

use super::{Down, Redis};
use crate::auth::limits::{
    account_key, addresses, secs, Refusal, ADDRESS_FAILURES, ADDRESS_WINDOW, CEILING_ADDRESSES,
    CEILING_FAILURES, CEILING_WINDOW, PAIR_FAILURES, PAIR_WINDOW, PER_IP_BURST, PER_IP_EVERY,
};
use crate::client_ip::limit_key;
use halo::client::{Admission, CallClass, Quota};
use std::net::IpAddr;
use std::time::Duration;

/// One failure: when (ms since the epoch) and from where.
type Failure = (u64, IpAddr);

/// The limits of every replica.
#[derive(Clone, Debug)]
pub struct SharedLimits(pub Redis);

fn now_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

fn window_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `Some(wait)` when `recent` (oldest first) holds `max` or more failures: until the one that must age
/// out leaves the window.
fn over(recent: &[Failure], max: usize, window: Duration, now: u64) -> Option<Duration> {
    (recent.len() >= max).then(|| {
        let first_to_go = recent[recent.len() - max].0;
        Duration::from_millis((first_to_go + window_ms(window)).saturating_sub(now))
    })
}

/// `Some(wait)` while the account's ceiling is engaged.
fn ceiling(recent: &[Failure], now: u64) -> Option<Duration> {
    if addresses(recent) < CEILING_ADDRESSES {
        return None;
    }
    over(recent, CEILING_FAILURES, CEILING_WINDOW, now)
}

impl SharedLimits {
    fn log(&self, kind: &str, key: &str) -> String {
        self.0.key(&format!("signin:{kind}:{key}"))
    }

    /// The failures of `log` inside `window`, oldest first (older ones are dropped).
    async fn recent(&self, log: &str, window: Duration, now: u64) -> Result<Vec<Failure>, Down> {
        let since = now.saturating_sub(window_ms(window));
        let mut conn = self.0.conn();
        let (members,): (Vec<String>,) = self.0.note(
            redis::pipe()
                .cmd("ZREMRANGEBYSCORE")
                .arg(log)
                .arg("-inf")
                .arg(since)
                .ignore()
                .cmd("ZRANGE")
                .arg(log)
                .arg(0)
                .arg(-1)
                .query_async(&mut conn)
                .await,
        )?;
        Ok(members
            .iter()
            .filter_map(|m| {
                let mut parts = m.splitn(3, '|');
                let at = parts.next()?.parse().ok()?;
                let ip = parts.next()?.parse().ok()?;
                Some((at, ip))
            })
            .collect())
    }

    async fn add(&self, log: &str, window: Duration, now: u64, ip: IpAddr) -> Result<(), Down> {
        let member = format!("{now}|{ip}|{:016x}", rand::random::<u64>());
        let keep = CEILING_FAILURES.max(ADDRESS_FAILURES) as isize;
        let mut conn = self.0.conn();
        let done: redis::RedisResult<()> = redis::pipe()
            .zadd(log, member, now)
            .ignore()
            .cmd("ZREMRANGEBYRANK")
            .arg(log)
            .arg(0)
            .arg(-keep - 1)
            .ignore()
            .pexpire(log, i64::try_from(window_ms(window)).unwrap_or(i64::MAX))
            .ignore()
            .query_async(&mut conn)
            .await;
        self.0.note(done)
    }

    /// Agent sign-in and callback: `Err(seconds to wait)` when `ip` has used its attempts.
    pub async fn check_ip(&self, ip: IpAddr) -> Result<Result<(), u64>, Down> {
        let quota = Quota {
            burst: PER_IP_BURST,
            period: PER_IP_EVERY,
            background_burst: PER_IP_BURST,
            background_period: PER_IP_EVERY,
            reserve: 0,
        };
        let key = format!("signin-ip:{}", limit_key(ip));
        let admitted = self.0.take_cell(&key, quota, CallClass::Interactive).await;
        match admitted.map_err(|e| Down(e.0))? {
            Admission::Granted { .. } => Ok(Ok(())),
            Admission::Paused(wait) | Admission::Wait(wait) => Ok(Err(secs(wait))),
        }
    }

    /// Before a password is checked: why and how long to wait when `name` may not be tried from `ip`.
    pub async fn check_password(
        &self,
        name: &str,
        ip: IpAddr,
    ) -> Result<Result<(), (Refusal, u64)>, Down> {
        let (now, ip, account) = (now_ms(), limit_key(ip), account_key(name));
        let address_log = self.log("address", &ip.to_string());
        let address = self.recent(&address_log, ADDRESS_WINDOW, now).await?;
        if let Some(wait) = over(&address, ADDRESS_FAILURES, ADDRESS_WINDOW, now) {
            return Ok(Err((Refusal::Address, secs(wait))));
        }
        let pair = self.log("pair", &format!("{account}|{ip}"));
        if let Some(wait) = over(
            &self.recent(&pair, PAIR_WINDOW, now).await?,
            PAIR_FAILURES,
            PAIR_WINDOW,
            now,
        ) {
            return Ok(Err((Refusal::AccountAtAddress, secs(wait))));
        }
        let accounts = self
            .recent(&self.log("account", &account), CEILING_WINDOW, now)
            .await?;
        if let Some(wait) = ceiling(&accounts, now) {
            return Ok(Err((Refusal::AccountCeiling, secs(wait))));
        }
        Ok(Ok(()))
    }

    /// A wrong password: `Some(addresses)` when this failure engaged the account's ceiling.
    pub async fn record_failure(&self, name: &str, ip: IpAddr) -> Result<Option<usize>, Down> {
        let (now, ip, account) = (now_ms(), limit_key(ip), account_key(name));
        let account_log = self.log("account", &account);
        let before = ceiling(&self.recent(&account_log, CEILING_WINDOW, now).await?, now).is_some();
        self.add(
            &self.log("address", &ip.to_string()),
            ADDRESS_WINDOW,
            now,
            ip,
        )
        .await?;
        self.add(
            &self.log("pair", &format!("{account}|{ip}")),
            PAIR_WINDOW,
            now,
            ip,
        )
        .await?;
        self.add(&account_log, CEILING_WINDOW, now, ip).await?;
        let after = self.recent(&account_log, CEILING_WINDOW, now).await?;
        Ok((!before && ceiling(&after, now).is_some()).then(|| addresses(&after)))
    }

    /// A correct password: this address's failures for the account are forgotten.
    pub async fn record_success(&self, name: &str, ip: IpAddr) -> Result<(), Down> {
        let pair = self.log("pair", &format!("{}|{}", account_key(name), limit_key(ip)));
        let mut conn = self.0.conn();
        let done: redis::RedisResult<()> = redis::cmd("DEL").arg(pair).query_async(&mut conn).await;
        self.0.note(done)
    }
}
