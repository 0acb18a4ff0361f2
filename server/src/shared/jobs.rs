//! Bulk jobs in Redis, for replicas (the app's `JobStore`; one process keeps them in SQLite, see
//! `jobs.rs`). A job runs in the replica that started it; every replica reads its progress from here, sees
//! whether it runs anywhere (a mark the running replica renews every few seconds, so a job whose replica
//! died shows as interrupted once the mark lapses) and can cancel it (a request the running replica takes
//! before each record).
//!
//! Keys: `job:<id>` (JSON), `jobs:<owner>` (a sorted set of the owner's ids), `jobs:next` (the id counter),
//! `job:<id>:alive` and `jobs:<owner>:running` (the marks, 15 s) and `job:<id>:cancel` (a pending cancel
//! request).

use super::Redis;
use app::jobs::Job;
use app::state::server::JobStore;
use futures::future::BoxFuture;
use redis::AsyncCommands;

/// How long a job's mark lasts without renewal (it is renewed every 5 s).
const MARK_MS: u64 = 15_000;

/// A job ended: its marks go, and the owner's "running" key unless it already names a newer job.
static ENDED: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    redis::Script::new(
        "redis.call('DEL', KEYS[1], KEYS[2]) \
         if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end \
         return 0",
    )
});

/// The store.
#[derive(Clone)]
pub struct RedisJobs(pub Redis);

fn words(e: super::Down) -> String {
    e.to_string()
}

impl RedisJobs {
    fn key(&self, id: i64, what: &str) -> String {
        self.0.key(&format!("job:{id}{what}"))
    }

    async fn put(&self, job: &Job) -> Result<(), String> {
        let body = serde_json::to_string(job).map_err(|e| e.to_string())?;
        let mut conn = self.0.conn();
        let done: redis::RedisResult<()> = conn.set(self.key(job.id, ""), body).await;
        self.0.note(done).map_err(words)
    }

    async fn read(&self, id: i64) -> Result<Option<Job>, String> {
        let mut conn = self.0.conn();
        let body: Option<String> = self
            .0
            .note(conn.get(self.key(id, "")).await)
            .map_err(words)?;
        body.map(|b| {
            serde_json::from_str(&b).map_err(|e| format!("a stored job cannot be read: {e}"))
        })
        .transpose()
    }

    async fn add(&self, job: Job) -> Result<i64, String> {
        let mut conn = self.0.conn();
        let id: i64 = self
            .0
            .note(conn.incr(self.0.key("jobs:next"), 1).await)
            .map_err(words)?;
        let owner = self.0.key(&format!("jobs:{}", job.owner));
        self.put(&Job { id, ..job }).await?;
        let listed: redis::RedisResult<()> = conn.zadd(owner, id, id).await;
        self.0.note(listed).map_err(words)?;
        Ok(id)
    }

    async fn latest(&self, owner: &str, limit: usize) -> Result<Vec<Job>, String> {
        let mut conn = self.0.conn();
        let last = isize::try_from(limit).unwrap_or(isize::MAX).max(1) - 1;
        let ids: Vec<i64> = self
            .0
            .note(
                conn.zrevrange(self.0.key(&format!("jobs:{owner}")), 0, last)
                    .await,
            )
            .map_err(words)?;
        let mut jobs = Vec::with_capacity(ids.len());
        for id in ids {
            jobs.extend(self.read(id).await?);
        }
        Ok(jobs)
    }

    /// The key naming the job `owner` runs now.
    fn running_key(&self, owner: &str) -> String {
        self.0.key(&format!("jobs:{owner}:running"))
    }

    async fn pipe(&self, pipe: redis::Pipeline) -> Result<(), String> {
        let mut conn = self.0.conn();
        let done: redis::RedisResult<()> = pipe.query_async(&mut conn).await;
        self.0.note(done).map_err(words)
    }

    /// Runs one command whose answer only matters as success.
    async fn command(&self, cmd: redis::Cmd) -> Result<redis::Value, String> {
        let mut conn = self.0.conn();
        self.0.note(cmd.query_async(&mut conn).await).map_err(words)
    }
}

impl JobStore for RedisJobs {
    fn create(&self, job: Job) -> BoxFuture<'static, Result<i64, String>> {
        let this = self.clone();
        Box::pin(async move { this.add(job).await })
    }

    fn save(&self, job: Job) -> BoxFuture<'static, Result<(), String>> {
        let this = self.clone();
        Box::pin(async move { this.put(&job).await })
    }

    fn get(&self, id: i64) -> BoxFuture<'static, Result<Option<Job>, String>> {
        let this = self.clone();
        Box::pin(async move { this.read(id).await })
    }

    fn list(&self, owner: String, limit: usize) -> BoxFuture<'static, Result<Vec<Job>, String>> {
        let this = self.clone();
        Box::pin(async move { this.latest(&owner, limit).await })
    }

    fn beat(&self, id: i64, owner: String) -> BoxFuture<'static, Result<(), String>> {
        let mut cmd = redis::pipe();
        cmd.cmd("SET")
            .arg(self.key(id, ":alive"))
            .arg(1)
            .arg("PX")
            .arg(MARK_MS)
            .ignore()
            .cmd("SET")
            .arg(self.running_key(&owner))
            .arg(id)
            .arg("PX")
            .arg(MARK_MS)
            .ignore();
        let this = self.clone();
        Box::pin(async move { this.pipe(cmd).await })
    }

    fn alive(&self, id: i64) -> BoxFuture<'static, Result<bool, String>> {
        let mut cmd = redis::cmd("EXISTS");
        cmd.arg(self.key(id, ":alive"));
        let this = self.clone();
        Box::pin(async move { Ok(this.command(cmd).await? == redis::Value::Int(1)) })
    }

    fn running_of(&self, owner: String) -> BoxFuture<'static, Result<Option<i64>, String>> {
        let this = self.clone();
        Box::pin(async move {
            let mut conn = this.0.conn();
            let id: Option<i64> = this
                .0
                .note(conn.get(this.running_key(&owner)).await)
                .map_err(words)?;
            Ok(id)
        })
    }

    fn ask_cancel(&self, id: i64) -> BoxFuture<'static, Result<(), String>> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(self.key(id, ":cancel")).arg(1).arg("EX").arg(3600);
        let this = self.clone();
        Box::pin(async move { this.command(cmd).await.map(|_| ()) })
    }

    fn take_cancel(&self, id: i64) -> BoxFuture<'static, Result<bool, String>> {
        let mut cmd = redis::cmd("DEL");
        cmd.arg(self.key(id, ":cancel"));
        let this = self.clone();
        Box::pin(async move { Ok(this.command(cmd).await? == redis::Value::Int(1)) })
    }

    fn ended(&self, id: i64, owner: String) -> BoxFuture<'static, Result<(), String>> {
        let this = self.clone();
        Box::pin(async move {
            let mut conn = this.0.conn();
            let done: redis::RedisResult<()> = ENDED
                .key(this.key(id, ":alive"))
                .key(this.key(id, ":cancel"))
                .key(this.running_key(&owner))
                .arg(id)
                .invoke_async(&mut conn)
                .await;
            this.0.note(done).map_err(words)
        })
    }
}
