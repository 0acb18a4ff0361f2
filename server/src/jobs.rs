//! Bulk-action jobs in `DATA_DIR/jobs.sqlite3` (the app's `JobStore`): one row per job, its whole state
//! as JSON, written again after every record so a restart finds exactly how far it got.

use std::path::Path;

use app::jobs::Job;
use app::state::server::JobStore;
use futures::future::BoxFuture;
use tower_sessions_rusqlite_store::tokio_rusqlite::{
    params, rusqlite, Connection, OptionalExtension,
};

use crate::startup_error::StartupError;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner, id);";

/// The store, on one connection that runs its statements on a thread of its own.
#[derive(Clone)]
pub struct SqliteJobs(Connection);

impl SqliteJobs {
    /// Opens (creating) `DATA_DIR/jobs.sqlite3`.
    pub async fn open(data_dir: &Path) -> Result<Self, StartupError> {
        crate::data_dir::open_sqlite(data_dir, "jobs.sqlite3", "bulk jobs", SCHEMA)
            .await
            .map(Self)
    }

    /// Runs `f` on the connection's thread.
    fn run<R, F>(&self, f: F) -> BoxFuture<'static, Result<R, String>>
    where
        R: Send + 'static,
        F: FnOnce(&mut rusqlite::Connection) -> Result<R, String> + Send + 'static,
    {
        let conn = self.0.clone();
        Box::pin(async move { conn.call_raw(f).await.map_err(|e| e.to_string())? })
    }
}

fn sql(e: rusqlite::Error) -> String {
    e.to_string()
}

fn decode(body: String) -> Result<Job, String> {
    serde_json::from_str(&body).map_err(|e| format!("a stored job cannot be read: {e}"))
}

impl JobStore for SqliteJobs {
    fn create(&self, job: Job) -> BoxFuture<'static, Result<i64, String>> {
        self.run(move |c| {
            let tx = c.transaction().map_err(sql)?;
            tx.execute(
                "INSERT INTO jobs (owner, body) VALUES (?1, '{}')",
                params![job.owner],
            )
            .map_err(sql)?;
            let id = tx.last_insert_rowid();
            let body = serde_json::to_string(&Job { id, ..job }).map_err(|e| e.to_string())?;
            tx.execute("UPDATE jobs SET body = ?2 WHERE id = ?1", params![id, body])
                .map_err(sql)?;
            tx.commit().map_err(sql)?;
            Ok(id)
        })
    }

    fn save(&self, job: Job) -> BoxFuture<'static, Result<(), String>> {
        self.run(move |c| {
            let body = serde_json::to_string(&job).map_err(|e| e.to_string())?;
            c.execute(
                "UPDATE jobs SET body = ?2 WHERE id = ?1",
                params![job.id, body],
            )
            .map_err(sql)?;
            Ok(())
        })
    }

    fn get(&self, id: i64) -> BoxFuture<'static, Result<Option<Job>, String>> {
        self.run(move |c| {
            let body: Option<String> = c
                .query_row("SELECT body FROM jobs WHERE id = ?1", params![id], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(sql)?;
            body.map(decode).transpose()
        })
    }

    fn list(&self, owner: String, limit: usize) -> BoxFuture<'static, Result<Vec<Job>, String>> {
        self.run(move |c| {
            let mut st = c
                .prepare("SELECT body FROM jobs WHERE owner = ?1 ORDER BY id DESC LIMIT ?2")
                .map_err(sql)?;
            let bodies: Vec<String> = st
                .query_map(params![owner, limit as i64], |r| r.get(0))
                .map_err(sql)?
                .collect::<Result<_, _>>()
                .map_err(sql)?;
            bodies.into_iter().map(decode).collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::entities::EntityKind;
    use app::jobs::{Action, Item, JobState};

    #[tokio::test]
    async fn a_job_is_kept_as_saved_and_listed_only_to_its_owner() {
        let dir = std::env::temp_dir().join(format!("haloscope-jobs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = SqliteJobs::open(&dir).await.unwrap();
        let job = Job {
            id: 0,
            owner: "local:ann".into(),
            kind: EntityKind::Clients,
            action: Action::Delete,
            back: "/clients".into(),
            state: JobState::Running,
            started_at: "now".into(),
            items: vec![Item::pending(7, "Acme".into())],
        };
        let id = store.create(job.clone()).await.unwrap();
        let mut kept = store.get(id).await.unwrap().expect("kept");
        assert_eq!(kept, Job { id, ..job.clone() });
        kept.state = JobState::Finished;
        store.save(kept.clone()).await.unwrap();
        assert_eq!(store.get(id).await.unwrap(), Some(kept));
        let second = store.create(job).await.unwrap();
        let mine: Vec<i64> = store
            .list("local:ann".into(), 10)
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(mine, [second, id], "newest first");
        assert!(store.list("agent:1".into(), 10).await.unwrap().is_empty());
        assert_eq!(store.get(id + 100).await.unwrap(), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
