//! Saved views in Redis, for replicas (the app's `ViewStore`; one process keeps them in SQLite, see
//! `views.rs`): a view saved through one replica is listed, opened and shared through every other.
//!
//! Keys: `view:<id>` (the view as JSON, with its owner and list), `views:<owner>|<list>` (the set of that
//! person's view ids of that list) and `views:next` (the id counter, so ids stay numbers as in SQLite).

use super::Redis;
use app::functions::views::SavedView;
use app::state::server::{ViewChange, ViewStore};
use futures::future::BoxFuture;
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};

/// One stored view.
#[derive(Serialize, Deserialize)]
struct Stored {
    owner: String,
    list: String,
    view: SavedView,
}

/// The store.
#[derive(Clone)]
pub struct RedisViews(pub Redis);

impl RedisViews {
    fn one(&self, id: i64) -> String {
        self.0.key(&format!("view:{id}"))
    }

    fn set_of(&self, owner: &str, list: &str) -> String {
        self.0.key(&format!("views:{owner}|{list}"))
    }

    async fn read(&self, id: i64) -> Result<Option<Stored>, String> {
        let mut conn = self.0.conn();
        let json: Option<String> = self.0.note(conn.get(self.one(id)).await).map_err(words)?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| e.to_string()))
            .transpose()
    }

    async fn write(&self, stored: &Stored) -> Result<(), String> {
        let json = serde_json::to_string(stored).map_err(|e| e.to_string())?;
        let mut conn = self.0.conn();
        let done: redis::RedisResult<()> = conn.set(self.one(stored.view.id), json).await;
        self.0.note(done).map_err(words)
    }

    async fn all_of(&self, owner: &str, list: &str) -> Result<Vec<SavedView>, String> {
        let mut conn = self.0.conn();
        let ids: Vec<i64> = self
            .0
            .note(conn.smembers(self.set_of(owner, list)).await)
            .map_err(words)?;
        let mut views = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.read(id).await? {
                views.push(s.view);
            }
        }
        views.sort_by_key(|v| (v.name.to_lowercase(), v.id));
        Ok(views)
    }

    async fn add(
        &self,
        owner: String,
        list: String,
        name: String,
        query: String,
    ) -> Result<i64, String> {
        let mut conn = self.0.conn();
        let id: i64 = self
            .0
            .note(conn.incr(self.0.key("views:next"), 1).await)
            .map_err(words)?;
        let view = SavedView {
            id,
            name,
            query,
            default: false,
        };
        let set = self.set_of(&owner, &list);
        self.write(&Stored { owner, list, view }).await?;
        let added: redis::RedisResult<()> = conn.sadd(set, id).await;
        self.0.note(added).map_err(words)?;
        Ok(id)
    }

    async fn apply(&self, owner: String, list: String, change: ViewChange) -> Result<bool, String> {
        let id = match &change {
            ViewChange::Rename(id, _) | ViewChange::Delete(id) | ViewChange::Default(id, _) => *id,
        };
        let Some(mut stored) = self.read(id).await? else {
            return Ok(false);
        };
        if stored.owner != owner || stored.list != list {
            return Ok(false);
        }
        match change {
            ViewChange::Rename(_, name) => stored.view.name = name,
            ViewChange::Delete(_) => {
                let mut conn = self.0.conn();
                let set = self.set_of(&owner, &list);
                let gone: redis::RedisResult<()> = redis::pipe()
                    .del(self.one(id))
                    .srem(set, id)
                    .query_async(&mut conn)
                    .await;
                self.0.note(gone).map_err(words)?;
                return Ok(true);
            }
            ViewChange::Default(_, on) => {
                if on {
                    for other in self.all_of(&owner, &list).await? {
                        if other.default && other.id != id {
                            if let Some(mut s) = self.read(other.id).await? {
                                s.view.default = false;
                                self.write(&s).await?;
                            }
                        }
                    }
                }
                stored.view.default = on;
            }
        }
        self.write(&stored).await?;
        Ok(true)
    }
}

fn words(e: super::Down) -> String {
    e.to_string()
}

impl ViewStore for RedisViews {
    fn list(
        &self,
        owner: String,
        list: String,
    ) -> BoxFuture<'static, Result<Vec<SavedView>, String>> {
        let this = self.clone();
        Box::pin(async move { this.all_of(&owner, &list).await })
    }

    fn save(
        &self,
        owner: String,
        list: String,
        name: String,
        query: String,
    ) -> BoxFuture<'static, Result<i64, String>> {
        let this = self.clone();
        Box::pin(async move { this.add(owner, list, name, query).await })
    }

    fn change(
        &self,
        owner: String,
        list: String,
        change: ViewChange,
    ) -> BoxFuture<'static, Result<bool, String>> {
        let this = self.clone();
        Box::pin(async move { this.apply(owner, list, change).await })
    }

    fn get(&self, id: i64) -> BoxFuture<'static, Result<Option<(String, SavedView)>, String>> {
        let this = self.clone();
        Box::pin(async move { Ok(this.read(id).await?.map(|s| (s.list, s.view))) })
    }
}
