//! The read cache: successful GET replies, decoded, per principal, invalidated per entity on writes.
//! Keeping the decoded value (not the body) means a warm page costs a clone, not a JSON parse.
//!
//! Behind it sits a second tier for stale-if-error: every reply stays there for a longer window (the
//! `stale_for` setting) within a memory bound, and is served, marked with when it was read, only when
//! asking HaloPSA again fails because HaloPSA is down, slow or busy ([`Error::serves_stale`]) — never
//! on 401 or 403, and never after a write to its entity (the generation in the key moves on).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use moka::future::Cache;

use crate::Error;

/// A cache key: who asked, which entity (for invalidation), that entity's generation when
/// asked, the path with query, and the Rust type the reply was decoded into.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    principal: Arc<str>,
    entity: &'static str,
    generation: u64,
    target: String,
    shape: TypeId,
}

/// A decoded reply of any type.
type Value = Arc<dyn Any + Send + Sync>;

/// A reply kept for stale-if-error: the value, when HaloPSA sent it, and its weight (bytes).
struct Kept {
    value: Value,
    read_at: SystemTime,
    weight: u32,
}

/// What a read gave: the value and, when it is an older copy because HaloPSA could not be asked, when
/// that copy was read and why HaloPSA could not be asked.
pub(crate) struct Served<T> {
    pub value: Arc<T>,
    pub stale: Option<(SystemTime, Error)>,
}

/// Decoded GET replies, shared by identical concurrent requests (one upstream call).
pub(crate) struct ReadCache {
    cache: Option<Cache<Key, Value>>,
    /// The stale-if-error tier; `None` when the read cache or the stale window is off.
    kept: Option<Cache<Key, Arc<Kept>>>,
    generations: Mutex<HashMap<&'static str, u64>>,
}

/// The estimated memory of a kept reply: its body's size (the decoded value is of the same order) plus
/// its key.
fn weight_of(body_len: usize, target: &str) -> u32 {
    (body_len + target.len() + 128)
        .try_into()
        .unwrap_or(u32::MAX)
}

impl ReadCache {
    /// A cache whose entries live `ttl` (zero: no cache), at most `capacity` of them, and whose replies
    /// are kept `stale_for` longer (zero: not kept) within `stale_bytes` of estimated memory.
    pub(crate) fn new(ttl: Duration, capacity: u64, stale_for: Duration, stale_bytes: u64) -> Self {
        let cache = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .support_invalidation_closures()
                .build()
        });
        let kept = (!ttl.is_zero() && !stale_for.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(stale_bytes)
                .weigher(|_, v: &Arc<Kept>| v.weight)
                .time_to_live(ttl + stale_for)
                .support_invalidation_closures()
                .build()
        });
        Self {
            cache,
            kept,
            generations: Mutex::new(HashMap::new()),
        }
    }

    /// The entity's generation; an entity read once is known by name from then on, so that another
    /// replica's write can name it ([`ReadCache::invalidate_named`]).
    fn generation(&self, entity: &'static str) -> u64 {
        *self
            .generations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(entity)
            .or_insert(0)
    }

    /// [`ReadCache::invalidate`] by the entity's name as another replica sent it; an entity never read
    /// here has nothing cached.
    pub(crate) fn invalidate_named(&self, name: &str) {
        let known = self
            .generations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .find(|k| **k == name)
            .copied();
        if let Some(entity) = known {
            self.invalidate(entity);
        }
    }

    /// Invalidates every entity read here.
    pub(crate) fn invalidate_all(&self) {
        let all: Vec<&'static str> = self
            .generations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .copied()
            .collect();
        for entity in all {
            self.invalidate(entity);
        }
    }

    /// Returns the cached value or runs `fetch` (call and decode, with the body's size) once for all
    /// identical concurrent callers. Failures (upstream or decoding) are not cached; a failure that
    /// [`Error::serves_stale`] is answered with the kept copy when there is one.
    ///
    /// `fetch` makes the call's future only on a miss, and the miss path runs boxed: a call (limiter,
    /// retries, the HTTP request) is a future of several KB, and held inline it made every caller's
    /// future as large, to be copied on each move even when the answer was cached (a warm list page's
    /// reads were a 52 KB future).
    pub(crate) async fn get_or_fetch<T, M, F>(
        &self,
        principal: &Arc<str>,
        entity: &'static str,
        target: &str,
        fetch: M,
    ) -> Result<Served<T>, Error>
    where
        T: Send + Sync + 'static,
        M: FnOnce() -> F,
        F: Future<Output = Result<(T, usize), Error>>,
    {
        let Some(cache) = &self.cache else {
            let (value, _) = Box::pin(fetch()).await?;
            return Ok(Served {
                value: Arc::new(value),
                stale: None,
            });
        };
        let key = Key {
            principal: principal.clone(),
            entity,
            generation: self.generation(entity),
            target: target.to_owned(),
            shape: TypeId::of::<T>(),
        };
        if let Some(value) = cache.get(&key).await {
            counted("hit", entity);
            return Ok(fresh(value));
        }
        Box::pin(self.miss(cache, key, entity, fetch)).await
    }

    /// [`ReadCache::get_or_fetch`] when the value was not cached a moment ago: one fetch for all who
    /// ask at once (one of them may have filled it since).
    async fn miss<T, M, F>(
        &self,
        cache: &Cache<Key, Value>,
        key: Key,
        entity: &'static str,
        fetch: M,
    ) -> Result<Served<T>, Error>
    where
        T: Send + Sync + 'static,
        M: FnOnce() -> F,
        F: Future<Output = Result<(T, usize), Error>>,
    {
        let missed = AtomicBool::new(false);
        let result = cache
            .try_get_with(key.clone(), async {
                missed.store(true, Ordering::Relaxed);
                let (value, size) = fetch().await?;
                let value = Arc::new(value) as Value;
                self.keep(&key, &value, size).await;
                Ok::<_, Error>(value)
            })
            .await
            .map_err(|e| (*e).clone());
        let outcome = if missed.load(Ordering::Relaxed) {
            "miss"
        } else {
            "hit"
        };
        match result {
            Ok(value) => {
                counted(outcome, entity);
                Ok(fresh(value))
            }
            Err(e) if e.serves_stale() => match self.kept_copy(&key).await {
                Some(kept) => {
                    counted("stale", entity);
                    Ok(Served {
                        value: typed(kept.value.clone()),
                        stale: Some((kept.read_at, e)),
                    })
                }
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    async fn keep(&self, key: &Key, value: &Value, size: usize) {
        if let Some(kept) = &self.kept {
            let entry = Kept {
                value: value.clone(),
                read_at: SystemTime::now(),
                weight: weight_of(size, &key.target),
            };
            kept.insert(key.clone(), Arc::new(entry)).await;
        }
    }

    async fn kept_copy(&self, key: &Key) -> Option<Arc<Kept>> {
        self.kept.as_ref()?.get(key).await
    }

    /// Drops every cached reply of `entity`, for every principal.
    pub(crate) fn invalidate(&self, entity: &'static str) {
        let new_gen = {
            let mut g = self.generations.lock().unwrap_or_else(|e| e.into_inner());
            let e = g.entry(entity).or_insert(0);
            *e += 1;
            *e
        };
        // Entries under older generations are already unreachable; this frees them.
        if let Some(cache) = &self.cache {
            let _ = cache
                .invalidate_entries_if(move |k, _| k.entity == entity && k.generation < new_gen);
        }
        if let Some(kept) = &self.kept {
            let _ = kept
                .invalidate_entries_if(move |k, _| k.entity == entity && k.generation < new_gen);
        }
    }
}

/// A value served from the cache or just fetched (not a kept copy served for a failure).
fn fresh<T: Send + Sync + 'static>(value: Value) -> Served<T> {
    Served {
        value: typed(value),
        stale: None,
    }
}

/// The value as the type its key names.
fn typed<T: Send + Sync + 'static>(value: Value) -> Arc<T> {
    value
        .downcast::<T>()
        .expect("the key's type id names the value's type")
}

/// Counts a read served from the cache (`hit`), from HaloPSA (`miss`) or from the kept copy (`stale`).
fn counted(outcome: &'static str, entity: &'static str) {
    match outcome {
        "hit" => metrics::counter!("halo_cache_hits_total", "entity" => entity).increment(1),
        "miss" => metrics::counter!("halo_cache_misses_total", "entity" => entity).increment(1),
        _ => metrics::counter!("halo_cache_stale_served_total", "entity" => entity).increment(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who() -> Arc<str> {
        "app".into()
    }

    async fn read<T: Clone + Send + Sync + 'static>(
        cache: &ReadCache,
        entity: &'static str,
        answer: Result<T, Error>,
    ) -> Result<(T, Option<SystemTime>), Error> {
        let served = cache
            .get_or_fetch(&who(), entity, "Client?x", || async {
                answer.map(|v| (v, 10))
            })
            .await?;
        Ok((T::clone(&served.value), served.stale.map(|(at, _)| at)))
    }

    #[tokio::test]
    async fn values_are_kept_decoded_by_type_and_failures_are_not_kept() {
        let cache = ReadCache::new(Duration::from_secs(60), 100, Duration::ZERO, 0);
        assert_eq!(read(&cache, "Client", Ok(7u32)).await, Ok((7, None)));
        assert_eq!(
            read(&cache, "Client", Ok(8u32)).await,
            Ok((7, None)),
            "the second call is served from the cache"
        );
        // the same reply decoded as another type is its own entry
        assert_eq!(
            read(&cache, "Client", Ok(String::from("s"))).await,
            Ok(("s".to_string(), None))
        );
        // a failure (say, a body that did not decode) is not kept
        let bad = Error::Decode {
            path: String::new(),
            message: "bad".into(),
        };
        assert_eq!(
            read::<u64>(&cache, "Site", Err(bad.clone())).await,
            Err(bad)
        );
        assert_eq!(read(&cache, "Site", Ok(5u64)).await, Ok((5, None)));
        cache.invalidate("Client");
        assert_eq!(
            read(&cache, "Client", Ok(9u32)).await,
            Ok((9, None)),
            "a write drops the entity's entries"
        );
    }

    #[tokio::test]
    async fn a_kept_copy_answers_only_when_halopsa_is_down_slow_or_busy_and_never_after_a_write() {
        let cache = ReadCache::new(
            Duration::from_millis(50),
            100,
            Duration::from_secs(60),
            1 << 20,
        );
        let before = SystemTime::now();
        assert_eq!(read(&cache, "Client", Ok(1u32)).await, Ok((1, None)));
        tokio::time::sleep(Duration::from_millis(120)).await;
        let down = Error::Transport {
            message: "the connection failed".into(),
        };
        let (value, stale) = read::<u32>(&cache, "Client", Err(down)).await.unwrap();
        assert_eq!(
            value, 1,
            "the kept copy answers once the entry is past its TTL"
        );
        let at = stale.expect("the answer is marked stale");
        assert!(at >= before && at <= SystemTime::now());
        for refused in [Error::Forbidden, Error::Unauthorized, Error::NotFound] {
            assert_eq!(
                read::<u32>(&cache, "Client", Err(refused.clone())).await,
                Err(refused),
                "a refusal is never answered with kept data"
            );
        }
        for busy in [
            Error::Timeout,
            Error::rate_limited(None),
            Error::Upstream {
                status: 503,
                excerpt: String::new(),
            },
        ] {
            assert!(read::<u32>(&cache, "Client", Err(busy)).await.is_ok());
        }
        cache.invalidate("Client");
        assert_eq!(
            read::<u32>(&cache, "Client", Err(Error::Timeout)).await,
            Err(Error::Timeout),
            "after a write to the entity its older copies are not shown"
        );
    }

    #[tokio::test]
    async fn the_kept_copies_stay_within_their_memory_bound() {
        let cache = ReadCache::new(
            Duration::from_secs(60),
            10_000,
            Duration::from_secs(60),
            10_000,
        );
        for i in 0..200u32 {
            let target = format!("Client?page_no={i}");
            let fetch = async move { Ok::<_, Error>((i, 1_000)) };
            cache
                .get_or_fetch(&who(), "Client", &target, || fetch)
                .await
                .unwrap();
        }
        let kept = cache.kept.as_ref().expect("the stale tier is on");
        kept.run_pending_tasks().await;
        assert!(kept.weighted_size() <= 10_000, "{}", kept.weighted_size());
        assert!(kept.entry_count() < 200);
    }
}
