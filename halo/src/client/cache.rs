//! The read cache: successful GET replies, per principal, invalidated per entity on writes.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use moka::future::Cache;

use crate::Error;

/// A cache key: who asked, which entity (for invalidation), that entity's generation when
/// asked, and the path with query.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    principal: Arc<str>,
    entity: &'static str,
    generation: u64,
    target: String,
}

/// Reply bodies of GETs, shared by identical concurrent requests (one upstream call).
pub(crate) struct ReadCache {
    cache: Option<Cache<Key, Arc<Vec<u8>>>>,
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

    /// Returns the cached body or runs `fetch` once for all identical concurrent callers.
    pub(crate) async fn get_or_fetch<F>(
        &self,
        principal: &Arc<str>,
        entity: &'static str,
        target: &str,
        fetch: F,
    ) -> Result<Arc<Vec<u8>>, Error>
    where
        F: Future<Output = Result<Vec<u8>, Error>>,
    {
        let Some(cache) = &self.cache else {
            return fetch.await.map(Arc::new);
        };
        let key = Key {
            principal: principal.clone(),
            entity,
            generation: self.generation(entity),
            target: target.to_owned(),
        };
        let missed = AtomicBool::new(false);
        let result = cache
            .try_get_with(key, async {
                missed.store(true, Ordering::Relaxed);
                fetch.await.map(Arc::new)
            })
            .await
            .map_err(|e| (*e).clone());
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
