//! The in-memory layer of the session store: recently used session records (moka, bounded, each kept until
//! its own expiry), so a page view reads no file. Writes go through to SQLite too (tower-sessions'
//! `CachingSessionStore`); after a restart a session is read from SQLite once and cached again.

use async_trait::async_trait;
use std::time::{Duration, Instant};
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Result, SessionStore};

/// At most this many sessions are kept in memory.
const CAPACITY: u64 = 10_000;

/// Recently used sessions.
#[derive(Clone, Debug)]
pub struct RecentSessions(moka::future::Cache<Id, Record>);

/// Each record leaves the cache when it expires.
struct UntilExpiry;

impl moka::Expiry<Id, Record> for UntilExpiry {
    fn expire_after_create(&self, _: &Id, record: &Record, _: Instant) -> Option<Duration> {
        Some(left(record))
    }
    fn expire_after_update(
        &self,
        _: &Id,
        record: &Record,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(left(record))
    }
}

fn left(record: &Record) -> Duration {
    let secs = (record.expiry_date - OffsetDateTime::now_utc()).whole_seconds();
    Duration::from_secs(secs.max(0) as u64)
}

impl Default for RecentSessions {
    fn default() -> Self {
        Self(
            moka::future::Cache::builder()
                .max_capacity(CAPACITY)
                .expire_after(UntilExpiry)
                .build(),
        )
    }
}

#[async_trait]
impl SessionStore for RecentSessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // the SQLite store has already given the record a fresh id
        self.0.insert(record.id, record.clone()).await;
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.0.insert(record.id, record.clone()).await;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        Ok(self
            .0
            .get(id)
            .await
            .filter(|r| r.expiry_date > OffsetDateTime::now_utc()))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.0.invalidate(id).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn record(secs: i64) -> Record {
        Record {
            id: Id::default(),
            data: HashMap::new(),
            expiry_date: OffsetDateTime::now_utc()
                + tower_sessions::cookie::time::Duration::seconds(secs),
        }
    }

    #[tokio::test]
    async fn records_are_kept_until_they_expire_or_are_deleted() {
        let cache = RecentSessions::default();
        let mut live = record(3600);
        cache.create(&mut live).await.unwrap();
        assert_eq!(cache.load(&live.id).await.unwrap().unwrap().id, live.id);
        let expired = record(-1);
        cache.save(&expired).await.unwrap();
        assert!(cache.load(&expired.id).await.unwrap().is_none());
        cache.delete(&live.id).await.unwrap();
        assert!(cache.load(&live.id).await.unwrap().is_none());
    }
}
