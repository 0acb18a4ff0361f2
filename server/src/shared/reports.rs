//! Data-health reports in Redis, for replicas (the app's `SharedReports`): the report one replica walked
//! for a person is the report every replica shows, and while one replica walks for a person (a key that
//! lapses if that replica dies) the others wait for its report instead of walking the lists again.
//!
//! Keys: `health:<person>` (a hash: `at`, when it was walked, and `report`, JSON; a page asks for `at` alone
//! and fetches the report only when it is newer than its own) and `health:<person>:walk`.

use super::Redis;
use app::health::report::Report;
use app::state::server::SharedReports;
use futures::future::BoxFuture;
use redis::AsyncCommands;
use std::time::Duration;

/// The store.
#[derive(Clone)]
pub struct RedisReports(pub Redis);

/// A report as kept: it and when it was walked (Unix seconds).
type Kept = (Report, i64);

impl RedisReports {
    fn key(&self, person: &str) -> String {
        self.0.key(&format!("health:{person}"))
    }

    async fn walked(&self, person: &str) -> Result<Option<i64>, String> {
        let mut conn = self.0.conn();
        let at = conn.hget(self.key(person), "at").await;
        self.0.note(at).map_err(|e| e.to_string())
    }

    async fn read(&self, person: &str) -> Result<Option<Kept>, String> {
        let mut conn = self.0.conn();
        let (at, json): (Option<i64>, Option<String>) = self
            .0
            .note(
                redis::cmd("HMGET")
                    .arg(self.key(person))
                    .arg("at")
                    .arg("report")
                    .query_async(&mut conn)
                    .await,
            )
            .map_err(|e| e.to_string())?;
        let (Some(at), Some(json)) = (at, json) else {
            return Ok(None);
        };
        let report = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        Ok(Some((report, at)))
    }

    async fn keep(&self, person: &str, (report, at): &Kept) -> Result<(), String> {
        let json = serde_json::to_string(report).map_err(|e| e.to_string())?;
        let mut conn = self.0.conn();
        let fields = [("at", at.to_string()), ("report", json)];
        let done: redis::RedisResult<()> = conn.hset_multiple(self.key(person), &fields).await;
        self.0.note(done).map_err(|e| e.to_string())
    }

    async fn claim(&self, person: &str, take: bool, hold: Duration) -> Result<bool, String> {
        let name = format!("health:{person}:walk");
        let result = if take {
            self.0.lock(&name, hold).await
        } else {
            self.0.unlock(&name).await.map(|()| true)
        };
        result.map_err(|e| e.to_string())
    }
}

impl SharedReports for RedisReports {
    fn walked_at(&self, person: String) -> BoxFuture<'static, Result<Option<i64>, String>> {
        let this = self.clone();
        Box::pin(async move { this.walked(&person).await })
    }

    fn get(&self, person: String) -> BoxFuture<'static, Result<Option<Kept>, String>> {
        let this = self.clone();
        Box::pin(async move { this.read(&person).await })
    }

    fn put(
        &self,
        person: String,
        report: Report,
        at: i64,
    ) -> BoxFuture<'static, Result<(), String>> {
        let this = self.clone();
        Box::pin(async move { this.keep(&person, &(report, at)).await })
    }

    fn walk(
        &self,
        person: String,
        take: bool,
        hold: Duration,
    ) -> BoxFuture<'static, Result<bool, String>> {
        let this = self.clone();
        Box::pin(async move { this.claim(&person, take, hold).await })
    }
}
