//! Saved views in `DATA_DIR/views.sqlite3` (one table; the app's `ViewStore`). Each row is one person's
//! named list state; at most one per person and list is the default.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use app::functions::views::SavedView;
use app::state::server::{ViewChange, ViewStore};
use futures::future::BoxFuture;
use tower_sessions_rusqlite_store::tokio_rusqlite::{
    params, rusqlite, Connection, OptionalExtension,
};

use crate::startup_error::StartupError;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    list TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS views_by_owner ON views (owner, list);";

/// The store, on one connection that runs its statements on a thread of its own, with the lists it has
/// read kept in memory ([`Known`]): every list page asks for the person's views of that list, which then
/// costs no trip to that thread and back.
#[derive(Clone)]
pub struct SqliteViews {
    conn: Connection,
    known: Arc<Mutex<Known>>,
}

/// Lists of views read, by (owner, list). Only this process writes the file (replicas keep saved views in
/// Redis instead), so what it read stays true until it writes: every write empties this and counts a
/// generation, and a read that began in an earlier generation is not kept (it may have seen the file
/// before the write).
#[derive(Default)]
struct Known {
    generation: u64,
    lists: HashMap<(String, String), Vec<SavedView>>,
}

/// Forgets every list read, and starts a new generation, when dropped.
struct Forget(Arc<Mutex<Known>>);

impl Drop for Forget {
    fn drop(&mut self) {
        let mut k = self.0.lock().unwrap_or_else(|e| e.into_inner());
        k.generation += 1;
        k.lists.clear();
    }
}

impl SqliteViews {
    /// Opens (creating) `DATA_DIR/views.sqlite3`.
    pub async fn open(data_dir: &Path) -> Result<Self, StartupError> {
        let conn =
            crate::data_dir::open_sqlite(data_dir, "views.sqlite3", "saved views", SCHEMA).await?;
        Ok(Self {
            conn,
            known: Default::default(),
        })
    }

    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs the write `f`, then forgets every list read (whether or not it changed anything). The
    /// forgetting is a drop guard: a request cancelled while its write is queued or running still leaves
    /// nothing read before it.
    fn write<R, F>(&self, f: F) -> BoxFuture<'static, Result<R, String>>
    where
        R: Send + 'static,
        F: FnOnce(&mut rusqlite::Connection) -> rusqlite::Result<R> + Send + 'static,
    {
        let (done, forget) = (self.run(f), Forget(self.known.clone()));
        Box::pin(async move {
            let _forget = forget;
            done.await
        })
    }

    /// Runs `f` on the connection's thread.
    fn run<R, F>(&self, f: F) -> BoxFuture<'static, Result<R, String>>
    where
        R: Send + 'static,
        F: FnOnce(&mut rusqlite::Connection) -> rusqlite::Result<R> + Send + 'static,
    {
        let conn = self.conn.clone();
        Box::pin(async move {
            conn.call_raw(f)
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())
        })
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SavedView> {
    Ok(SavedView {
        id: r.get(0)?,
        name: r.get(1)?,
        query: r.get(2)?,
        default: r.get::<_, i64>(3)? != 0,
    })
}

impl ViewStore for SqliteViews {
    fn list(
        &self,
        owner: String,
        list: String,
    ) -> BoxFuture<'static, Result<Vec<SavedView>, String>> {
        let key = (owner.clone(), list.clone());
        let generation = {
            let k = self.known();
            if let Some(views) = k.lists.get(&key) {
                let views = views.clone();
                return Box::pin(async move { Ok(views) });
            }
            k.generation
        };
        let known = self.known.clone();
        let read = self.run(move |c| {
            // every list page asks this (its views panel, a bare list's default): prepared once per connection
            let mut st = c.prepare_cached(
                "SELECT id, name, query, is_default FROM views WHERE owner = ?1 AND list = ?2 \
                 ORDER BY name COLLATE NOCASE, id",
            )?;
            let views = st.query_map(params![owner, list], row)?.collect();
            views
        });
        Box::pin(async move {
            let views: Vec<SavedView> = read.await?;
            let mut k = known.lock().unwrap_or_else(|e| e.into_inner());
            if k.generation == generation {
                k.lists.insert(key, views.clone());
            }
            Ok(views)
        })
    }

    fn save(
        &self,
        owner: String,
        list: String,
        name: String,
        query: String,
    ) -> BoxFuture<'static, Result<i64, String>> {
        self.write(move |c| {
            c.execute(
                "INSERT INTO views (owner, list, name, query) VALUES (?1, ?2, ?3, ?4)",
                params![owner, list, name, query],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    fn change(
        &self,
        owner: String,
        list: String,
        change: ViewChange,
    ) -> BoxFuture<'static, Result<bool, String>> {
        self.write(move |c| {
            let tx = c.transaction()?;
            let mine = "owner = ?1 AND list = ?2 AND id = ?3";
            let changed = match &change {
                ViewChange::Rename(id, name) => tx.execute(
                    &format!("UPDATE views SET name = ?4 WHERE {mine}"),
                    params![owner, list, id, name],
                )?,
                ViewChange::Delete(id) => {
                    tx.execute(&format!("DELETE FROM views WHERE {mine}"), params![owner, list, id])?
                }
                ViewChange::Default(id, on) => {
                    let found = tx.execute(
                        &format!("UPDATE views SET is_default = ?4 WHERE {mine}"),
                        params![owner, list, id, i64::from(*on)],
                    )?;
                    if found > 0 && *on {
                        tx.execute(
                            "UPDATE views SET is_default = 0 WHERE owner = ?1 AND list = ?2 AND id <> ?3",
                            params![owner, list, id],
                        )?;
                    }
                    found
                }
            };
            tx.commit()?;
            Ok(changed > 0)
        })
    }

    fn get(&self, id: i64) -> BoxFuture<'static, Result<Option<(String, SavedView)>, String>> {
        self.run(move |c| {
            c.query_row(
                "SELECT id, name, query, is_default, list FROM views WHERE id = ?1",
                params![id],
                |r| Ok((r.get::<_, String>(4)?, row(r)?)),
            )
            .optional()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_list_read_before_a_save_is_not_kept_after_it() {
        let dir = std::env::temp_dir().join(format!("haloscope-views-race-{}", std::process::id()));
        let store = SqliteViews::open(&dir).await.unwrap();
        let (me, list) = ("local:me".to_string(), "/clients".to_string());
        // a page's read is handed to SQLite's thread first; a save is queued behind it and finishes
        // before the read's answer is taken. The thread is held busy until both are queued, so the read
        // cannot be answered at its first poll however the machine schedules the thread.
        let (release, held) = std::sync::mpsc::channel::<()>();
        let mut hold = store.run(move |_| {
            let _ = held.recv();
            Ok(())
        });
        assert!(futures::poll!(&mut hold).is_pending());
        let mut read = store.list(me.clone(), list.clone());
        assert!(futures::poll!(&mut read).is_pending());
        let mut save = store.save(me.clone(), list.clone(), "Mine".into(), "q=a".into());
        assert!(futures::poll!(&mut save).is_pending());
        release.send(()).unwrap();
        save.await.unwrap();
        hold.await.unwrap();
        assert!(
            read.await.unwrap().is_empty(),
            "it saw the file before the save"
        );
        // what it saw is not what the next page is told
        assert_eq!(view_names(&store, me, list).await, ["Mine"]);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// The names of `owner`'s saved views of `list`, as the next page is told them.
    async fn view_names(store: &SqliteViews, owner: String, list: String) -> Vec<String> {
        store
            .list(owner, list)
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.name)
            .collect()
    }

    #[tokio::test]
    async fn a_save_abandoned_once_sent_still_shows_in_the_list() {
        let dir = std::env::temp_dir().join(format!("haloscope-views-gone-{}", std::process::id()));
        let store = SqliteViews::open(&dir).await.unwrap();
        let (me, list) = ("local:me".to_string(), "/clients".to_string());
        assert!(store
            .list(me.clone(), list.clone())
            .await
            .unwrap()
            .is_empty());
        // the request is cancelled after its write was handed to SQLite's thread
        let save = store.save(me.clone(), list.clone(), "Mine".into(), "q=a".into());
        tokio::select! {
            biased;
            _ = save => panic!("the write finished at its first poll"),
            _ = std::future::ready(()) => {}
        }
        // the write still runs; a read sent after it is answered after it
        assert_eq!(view_names(&store, me, list).await, ["Mine"]);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn views_are_each_persons_own_and_one_default_per_list() {
        let dir = std::env::temp_dir().join(format!("haloscope-views-{}", std::process::id()));
        let store = SqliteViews::open(&dir).await.unwrap();
        let (me, you) = ("local:me".to_string(), "agent:7".to_string());
        let list = "/clients".to_string();
        let a = store
            .save(me.clone(), list.clone(), "B".into(), "q=b".into())
            .await
            .unwrap();
        let b = store
            .save(me.clone(), list.clone(), "a".into(), "q=a".into())
            .await
            .unwrap();
        let names: Vec<String> = store
            .list(me.clone(), list.clone())
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.name)
            .collect();
        assert_eq!(names, ["a", "B"], "by name, any case");
        assert!(store
            .list(you.clone(), list.clone())
            .await
            .unwrap()
            .is_empty());
        assert!(
            !store
                .change(you.clone(), list.clone(), ViewChange::Delete(a))
                .await
                .unwrap(),
            "not theirs"
        );
        assert!(store
            .change(me.clone(), list.clone(), ViewChange::Default(a, true))
            .await
            .unwrap());
        assert!(store
            .change(me.clone(), list.clone(), ViewChange::Default(b, true))
            .await
            .unwrap());
        let defaults: Vec<i64> = store
            .list(me.clone(), list.clone())
            .await
            .unwrap()
            .into_iter()
            .filter(|v| v.default)
            .map(|v| v.id)
            .collect();
        assert_eq!(defaults, [b], "one default per list");
        assert!(store
            .change(
                me.clone(),
                list.clone(),
                ViewChange::Rename(b, "Amber".into())
            )
            .await
            .unwrap());
        let (at, shared) = store.get(b).await.unwrap().unwrap();
        assert_eq!(
            (at.as_str(), shared.name.as_str(), shared.query.as_str()),
            ("/clients", "Amber", "q=a")
        );
        assert!(store
            .change(me.clone(), list.clone(), ViewChange::Delete(b))
            .await
            .unwrap());
        assert!(store.get(b).await.unwrap().is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
