//! One-time form messages with replicas: the session's waiting messages (`flash:<session id>`) are loaded
//! into the request's `FlashBox` before it runs and written back, when it changed them, before its response
//! leaves, so the page the browser asks for next shows them once whichever replica serves it.

use super::{Down, Redis};
use app::functions::flash::ssr::{FlashBox, KEPT_FOR_SECS};
use redis::AsyncCommands;
use std::sync::Arc;

impl Redis {
    fn flash_key(&self, session: &str) -> String {
        self.key(&format!("flash:{session}"))
    }

    /// The session's waiting messages, for the request to read and add to.
    pub async fn load_flash(&self, session: &str) -> Result<Arc<FlashBox>, Down> {
        let mut conn = self.conn();
        let stored: Option<String> = self.note(conn.get(self.flash_key(session)).await)?;
        Ok(Arc::new(FlashBox::from_json(stored.as_deref())))
    }

    /// Writes the messages back when the request changed them.
    pub async fn save_flash(&self, session: &str, flash: &FlashBox) -> Result<(), Down> {
        let Some(json) = flash.changed_json() else {
            return Ok(());
        };
        let key = self.flash_key(session);
        let mut conn = self.conn();
        let done: redis::RedisResult<()> = if json.is_empty() {
            conn.del(key).await
        } else {
            conn.set_ex(key, json, KEPT_FOR_SECS as u64).await
        };
        self.note(done)
    }
}
