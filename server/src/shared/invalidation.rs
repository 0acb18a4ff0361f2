//! Cache coherence between replicas: a write through one replica publishes the entity's name on one
//! channel before its answer goes out, and every replica (itself included) drops its cached reads of that
//! entity when the message arrives. A replica that lost the subscription may have missed messages, so it
//! drops its whole cache when it subscribes again.

use super::{Down, Redis};
use futures::StreamExt;
use halo::client::Gateway;
use std::time::Duration;

/// How long to wait before subscribing again after the connection was lost.
const RESUBSCRIBE_AFTER: Duration = Duration::from_secs(1);

impl Redis {
    fn channel(&self) -> String {
        self.key("invalidate")
    }

    /// Tells every replica that `entity`'s cached reads are stale.
    pub async fn publish_invalidation(&self, entity: &str) -> Result<(), Down> {
        let mut conn = self.conn();
        let sent = redis::cmd("PUBLISH")
            .arg(self.channel())
            .arg(entity)
            .query_async::<i64>(&mut conn)
            .await;
        self.note(sent).map(|_| ())
    }
}

/// Keeps `gateway`'s cache in step with other replicas' writes, for as long as the process runs.
pub fn follow(redis: Redis, gateway: Gateway) {
    tokio::spawn(async move {
        loop {
            match subscribe(&redis, &gateway).await {
                Ok(()) => {
                    tracing::warn!("the cache-invalidation subscription ended; subscribing again")
                }
                Err(e) => {
                    tracing::debug!(error = %e, "cannot subscribe to cache invalidations yet")
                }
            }
            tokio::time::sleep(RESUBSCRIBE_AFTER).await;
        }
    });
}

/// One subscription: drops everything cached (messages may have been missed before it), then each
/// named entity as its message arrives, until the connection ends.
async fn subscribe(redis: &Redis, gateway: &Gateway) -> Result<(), redis::RedisError> {
    let connect = redis.client().get_async_pubsub();
    let mut pubsub = tokio::time::timeout(super::TIMEOUT, connect)
        .await
        .map_err(|_| {
            redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::TimedOut))
        })??;
    pubsub.subscribe(redis.channel()).await?;
    gateway.invalidate_all_here();
    let mut messages = pubsub.into_on_message();
    while let Some(msg) = messages.next().await {
        match msg.get_payload::<String>() {
            Ok(entity) => gateway.invalidate_here(&entity),
            Err(e) => tracing::warn!(error = %e, "an unreadable cache-invalidation message"),
        }
    }
    Ok(())
}
