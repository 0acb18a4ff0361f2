//! HaloPSA tokens kept for every replica (see `halo`'s `token_sharing.rs` for when): sealed with the
//! session key, which every replica shares, so Redis alone never holds a usable token. A lock is a key set
//! only if absent, with an expiry, so a replica that dies holding it does not hold it for ever.

use super::{Down, Redis};
use halo::client::TokenSet;
use redis::AsyncCommands;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A token set as stored (before sealing).
#[derive(Serialize, Deserialize)]
struct Stored {
    access: String,
    refresh: Option<String>,
    expires_at: Option<i64>,
}

impl Redis {
    /// The token kept under `name`, or `None` (none kept, or sealed with another key).
    pub async fn token(&self, name: &str) -> Result<Option<TokenSet>, Down> {
        let mut conn = self.conn();
        let sealed: Option<String> = self.note(conn.get(self.key(name)).await)?;
        let stored = sealed
            .and_then(|s| self.0.sealer.open(&s))
            .and_then(|plain| serde_json::from_slice::<Stored>(&plain).ok());
        Ok(stored.map(|s| {
            let expires = s
                .expires_at
                .and_then(|t| chrono::DateTime::from_timestamp(t, 0));
            TokenSet::new(s.access, s.refresh, expires)
        }))
    }

    /// Keeps `token` under `name` for `ttl`.
    pub async fn keep_token(
        &self,
        name: &str,
        token: &TokenSet,
        ttl: Duration,
    ) -> Result<(), Down> {
        let stored = Stored {
            access: token.access_token.expose_secret().to_owned(),
            refresh: token
                .refresh_token
                .as_ref()
                .map(|r| r.expose_secret().to_owned()),
            expires_at: token.expires_at.map(|t| t.timestamp()),
        };
        let plain = serde_json::to_vec(&stored).map_err(|e| Down(e.to_string()))?;
        let sealed = self.0.sealer.seal(&plain);
        let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        let mut conn = self.conn();
        let done: redis::RedisResult<()> = conn.pset_ex(self.key(name), sealed, millis).await;
        self.note(done)
    }

    /// Takes lock `name` for `hold` unless another holds it.
    pub async fn lock(&self, name: &str, hold: Duration) -> Result<bool, Down> {
        let millis = u64::try_from(hold.as_millis()).unwrap_or(u64::MAX).max(1);
        let mut conn = self.conn();
        let taken = redis::cmd("SET")
            .arg(self.key(name))
            .arg(1)
            .arg("NX")
            .arg("PX")
            .arg(millis)
            .query_async::<Option<String>>(&mut conn)
            .await;
        Ok(self.note(taken)?.is_some())
    }

    /// Gives lock `name` back.
    pub async fn unlock(&self, name: &str) -> Result<(), Down> {
        let mut conn = self.conn();
        let done: redis::RedisResult<()> = conn.del(self.key(name)).await;
        self.note(done)
    }
}
