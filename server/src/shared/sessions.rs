//! Sessions in Redis, for replicas: one key per session (`session:<id>`, JSON, expiring with the session),
//! read on every request — no per-replica memory, so a sign-out on one replica is refused by every other
//! at once. The published Redis store targets an older tower-sessions, hence this small one.
//!
//! `save` only overwrites a session that still exists (`SET … XX`): a request that was still running on
//! another replica when its session ended cannot write it back to life. New sessions are created with
//! `SET … NX`, so a colliding random id is drawn again rather than overwriting someone's session.

use super::Redis;
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// The session store of replicas.
#[derive(Clone, Debug)]
pub struct RedisSessions(pub Redis);

impl RedisSessions {
    fn key(&self, id: &Id) -> String {
        self.0.key(&format!("session:{id}"))
    }

    /// `SET key record <condition> EXAT expiry`: whether Redis stored it.
    async fn set(&self, record: &Record, condition: &str) -> Result<bool> {
        let json = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
        let mut conn = self.0.conn();
        let stored = redis::cmd("SET")
            .arg(self.key(&record.id))
            .arg(json)
            .arg(condition)
            .arg("EXAT")
            .arg(record.expiry_date.unix_timestamp().max(1))
            .query_async::<Option<String>>(&mut conn)
            .await;
        let stored = self.0.note(stored).map_err(backend)?;
        Ok(stored.is_some())
    }
}

fn backend(e: super::Down) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for RedisSessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        while !self.set(record, "NX").await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.set(record, "XX").await.map(|_| ())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let mut conn = self.0.conn();
        let got = redis::cmd("GET")
            .arg(self.key(id))
            .query_async::<Option<String>>(&mut conn)
            .await;
        let Some(json) = self.0.note(got).map_err(backend)? else {
            return Ok(None);
        };
        let record: Record =
            serde_json::from_str(&json).map_err(|e| Error::Decode(e.to_string()))?;
        let live = record.expiry_date > tower_sessions::cookie::time::OffsetDateTime::now_utc();
        Ok(live.then_some(record))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let mut conn = self.0.conn();
        let deleted = redis::cmd("DEL")
            .arg(self.key(id))
            .query_async::<i64>(&mut conn)
            .await;
        self.0.note(deleted).map(|_| ()).map_err(backend)
    }
}
