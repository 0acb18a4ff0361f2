//! The one HaloPSA budget of every replica: the gateway's GCRA (see `halo`'s `limiter.rs`) run as a Lua
//! script inside Redis, atomically and on Redis's clock, so replicas on machines whose clocks differ still
//! agree. Keys per budget (API base + client id): the theoretical arrival time of the whole budget and of
//! the background share (microseconds since the epoch, expiring once the bucket is full again), and the
//! pause after a 429 (a key that expires when the pause ends).

use super::Redis;
use futures::future::BoxFuture;
use halo::client::{Admission, CallClass, Quota, SharedState, SharedUnavailable};
use std::sync::LazyLock;
use std::time::Duration;

/// Takes one cell: `{0, left}` granted, `{1, µs}` paused, `{2, µs}` no cell for that long. Numbers are
/// written with `%d`: Lua would print a 16-digit time as `1.7e+15` and lose the microseconds.
const ADMIT: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return {1, paused * 1000} end
local burst = tonumber(ARGV[1])
if burst == 0 then return {0, 0} end
local period = tonumber(ARGV[2])
local bg_burst = tonumber(ARGV[3])
local bg_period = tonumber(ARGV[4])
local reserve = tonumber(ARGV[5])
local background = ARGV[6] == '1'
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or now), now)
local keep = 0
if background then keep = reserve end
local wait = tat + period * keep - (now + period * (burst - 1))
local bg_tat = now
if background then
  bg_tat = math.max(tonumber(redis.call('GET', KEYS[2]) or now), now)
  wait = math.max(wait, bg_tat - (now + bg_period * (bg_burst - 1)))
end
if wait > 0 then return {2, wait} end
local new_tat = tat + period
redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
if background then
  local new_bg = bg_tat + bg_period
  redis.call('SET', KEYS[2], string.format('%d', new_bg), 'PX', math.ceil((new_bg - now) / 1000) + 1000)
end
return {0, math.floor((now + period * burst - new_tat) / period)}
"#;

/// Sets the pause unless a longer one is already set.
const PAUSE: &str = r#"
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
"#;

/// The scripts, hashed once (they run by `EVALSHA`, loaded again after a Redis restart).
static ADMIT_SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(ADMIT));
static PAUSE_SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(PAUSE));

fn unreachable(e: super::Down) -> SharedUnavailable {
    SharedUnavailable(e.to_string())
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

impl Redis {
    /// Takes one cell of `budget` (also used for the sign-in attempt limit of replicas).
    pub(crate) async fn take_cell(
        &self,
        budget: &str,
        quota: Quota,
        class: CallClass,
    ) -> Result<Admission, SharedUnavailable> {
        let mut conn = self.conn();
        let reply: redis::RedisResult<(u8, i64)> = ADMIT_SCRIPT
            .key(self.key(&format!("budget:{budget}:all")))
            .key(self.key(&format!("budget:{budget}:background")))
            .key(self.key(&format!("budget:{budget}:pause")))
            .arg(quota.burst)
            .arg(micros(quota.period))
            .arg(quota.background_burst)
            .arg(micros(quota.background_period))
            .arg(quota.reserve)
            .arg(u8::from(class == CallClass::Background))
            .invoke_async(&mut conn)
            .await;
        let (kind, n) = self
            .note(reply)
            .map_err(|e| SharedUnavailable(e.to_string()))?;
        let wait = Duration::from_micros(n.max(1) as u64);
        Ok(match kind {
            0 => Admission::Granted {
                left: u32::try_from(n.max(0)).unwrap_or(u32::MAX),
            },
            1 => Admission::Paused(wait),
            _ => Admission::Wait(wait),
        })
    }

    async fn set_pause(&self, budget: &str, wait: Duration) -> Result<(), SharedUnavailable> {
        let millis = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX).max(1);
        let mut conn = self.conn();
        let reply: redis::RedisResult<i64> = PAUSE_SCRIPT
            .key(self.key(&format!("budget:{budget}:pause")))
            .arg(millis)
            .invoke_async(&mut conn)
            .await;
        self.note(reply)
            .map(|_| ())
            .map_err(|e| SharedUnavailable(e.to_string()))
    }
}

impl SharedState for Redis {
    fn admit<'a>(
        &'a self,
        budget: &'a str,
        quota: Quota,
        class: CallClass,
    ) -> BoxFuture<'a, Result<Admission, SharedUnavailable>> {
        Box::pin(self.take_cell(budget, quota, class))
    }

    fn pause<'a>(
        &'a self,
        budget: &'a str,
        wait: Duration,
    ) -> BoxFuture<'a, Result<(), SharedUnavailable>> {
        Box::pin(self.set_pause(budget, wait))
    }

    fn token<'a>(
        &'a self,
        name: &'a str,
    ) -> BoxFuture<'a, Result<Option<halo::client::TokenSet>, SharedUnavailable>> {
        Box::pin(async move { Redis::token(self, name).await.map_err(unreachable) })
    }

    fn keep_token<'a>(
        &'a self,
        name: &'a str,
        token: &'a halo::client::TokenSet,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), SharedUnavailable>> {
        Box::pin(async move {
            Redis::keep_token(self, name, token, ttl)
                .await
                .map_err(unreachable)
        })
    }

    fn lock<'a>(
        &'a self,
        name: &'a str,
        hold: Duration,
    ) -> BoxFuture<'a, Result<bool, SharedUnavailable>> {
        Box::pin(async move { Redis::lock(self, name, hold).await.map_err(unreachable) })
    }

    fn unlock<'a>(&'a self, name: &'a str) -> BoxFuture<'a, Result<(), SharedUnavailable>> {
        Box::pin(async move { Redis::unlock(self, name).await.map_err(unreachable) })
    }

    fn invalidated(&self, entity: &'static str) -> BoxFuture<'_, Result<(), SharedUnavailable>> {
        Box::pin(async move {
            self.publish_invalidation(entity)
                .await
                .map_err(|e| SharedUnavailable(e.to_string()))
        })
    }
}
