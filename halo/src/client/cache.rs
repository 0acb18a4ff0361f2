//! The read cache: successful GET replies, decoded, per principal, invalidated per entity on writes.
//! Keeping the decoded value (not the body) means a warm page costs a clone, not a JSON parse.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// Decoded GET replies, shared by identical concurrent requests (one upstream call).
pub(crate) struct ReadCache {
    cache: Option<Cache<Key, Value>>,
    generations: Mutex<HashMap<&'static str, u64>>,
}

impl ReadCache {
    pub(crate) fn new(ttl: Duration, capacity: u64) -> Self {
        let cache = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .support_invalidation_closures()
                .build()
        });
        Self {
            cache,
            generations: Mutex::new(HashMap::new()),
        }
    }

    fn generation(&self, entity: &'static str) -> u64 {
        *self
            .generations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(entity)
            .unwrap_or(&0)
    }

    /// Returns the cached value or runs `fetch` (call and decode) once for all identical concurrent
    /// callers. Failures (upstream or decoding) are not cached.
    pub(crate) async fn get_or_fetch<T, F>(
        &self,
        principal: &Arc<str>,
        entity: &'static str,
        target: &str,
        fetch: F,
    ) -> Result<Arc<T>, Error>
    where
        T: Send + Sync + 'static,
        F: Future<Output = Result<T, Error>>,
    {
        let Some(cache) = &self.cache else {
            return fetch.await.map(Arc::new);
        };
        let key = Key {
            principal: principal.clone(),
            entity,
            generation: self.generation(entity),
            target: target.to_owned(),
            shape: TypeId::of::<T>(),
        };
        let missed = AtomicBool::new(false);
        let result = cache
            .try_get_with(key, async {
                missed.store(true, Ordering::Relaxed);
                fetch.await.map(|v| Arc::new(v) as Value)
            })
            .await
            .map_err(|e| (*e).clone())
            .map(|v| {
                v.downcast::<T>()
                    .expect("the key's type id names the value's type")
            });
        if missed.load(Ordering::Relaxed) {
            metrics::counter!("halo_cache_misses_total", "entity" => entity).increment(1);
        } else {
            metrics::counter!("halo_cache_hits_total", "entity" => entity).increment(1);
        }
        result
    }

    /// Drops every cached reply of `entity`, for every principal.
    pub(crate) fn invalidate(&self, entity: &'static str) {
        let new_gen = {
            let mut g = self.generations.lock().unwrap_or_else(|e| e.into_inner());
            let e = g.entry(entity).or_insert(0);
            *e += 1;
            *e
        };
        if let Some(cache) = &self.cache {
            // Entries under older generations are already unreachable; this frees them.
            let _ = cache
                .invalidate_entries_if(move |k, _| k.entity == entity && k.generation < new_gen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn values_are_kept_decoded_by_type_and_failures_are_not_kept() {
        let cache = ReadCache::new(Duration::from_secs(60), 100);
        let who: Arc<str> = "app".into();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let fetch = |v: u32| {
            let calls = &calls;
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok::<_, Error>(v)
            }
        };
        let a = cache
            .get_or_fetch(&who, "Client", "Client?x", fetch(7))
            .await
            .unwrap();
        let b = cache
            .get_or_fetch(&who, "Client", "Client?x", fetch(8))
            .await
            .unwrap();
        assert_eq!((*a, *b), (7, 7), "the second call is served from the cache");
        // the same reply decoded as another type is its own entry
        let s = cache
            .get_or_fetch(&who, "Client", "Client?x", async {
                Ok::<_, Error>(String::from("s"))
            })
            .await
            .unwrap();
        assert_eq!(*s, "s");
        // a failure (say, a body that did not decode) is not kept
        let err = cache
            .get_or_fetch::<u64, _>(&who, "Site", "Site", async {
                Err(Error::Decode {
                    path: String::new(),
                    message: "bad".into(),
                })
            })
            .await;
        assert!(err.is_err());
        let ok = cache
            .get_or_fetch(&who, "Site", "Site", async { Ok::<_, Error>(5u64) })
            .await;
        assert_eq!(*ok.unwrap(), 5);
        cache.invalidate("Client");
        let c = cache
            .get_or_fetch(&who, "Client", "Client?x", fetch(9))
            .await
            .unwrap();
        assert_eq!(*c, 9, "a write drops the entity's entries");
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "only the first and the post-write fetch ran"
        );
    }
}
