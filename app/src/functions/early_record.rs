//! A record page's HaloPSA reads, started before the page is drawn.
//!
//! A page's reads begin when its component runs, and Leptos builds the whole view tree (head, header,
//! route match, every section) before it first waits; only then do the request's connections get to
//! write the calls. On a cold record page that put ~0.3–0.6 ms of drawing in front of the HaloPSA calls,
//! all of it in the page's own share of its time (docs/PERFORMANCE.md, "Calls before the frame").
//!
//! So the server, once the session gate has let a request in, asks [`start`] whether the address is a
//! record page (`/<entity>/<id>`). If it is, the record's reads are polled once right there, which hands
//! the calls to their connections' tasks; the rest of the reads goes to a task of its own, and the request
//! yields once, so the connections write the calls before the page is drawn. `get_record` then awaits
//! that read ([`take`]) instead of starting its own: the same reads, made once, through the request's own
//! HaloPSA handle (so its rate-limit class, Server-Timing and stale-copy notice are the page's), with the
//! same errors. The task runs to its end whether or not the page takes it, so a read that others joined
//! in the read cache is never left unpolled.
//!
//! (The first poll is the request's own: a read spawned straight away reached its connections only after
//! the page was drawn, `strace` showed; docs/PERFORMANCE.md.)

use crate::components::detail::Detail;
use crate::entities::{EntityKind, ALL};
use crate::errors::AppError;
use futures::future::BoxFuture;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use tokio::task::JoinHandle;

/// The read of one record page's record, as a request extension: started by the server, taken by
/// `get_record`. Cheap to clone (shared).
#[derive(Clone)]
pub struct EarlyRecord {
    kind: EntityKind,
    id: i32,
    read: Arc<Mutex<Option<Started>>>,
}

/// A read after its first poll: already answered (every read was cached), or running in its task.
enum Started {
    Done(Box<Result<Detail, AppError>>),
    Running(JoinHandle<Result<Detail, AppError>>),
}

/// The record page `path` shows, if it is one: `/<entity path>/<id>` with a positive whole-number id
/// (what `get_record` would accept; anything else is left to the page).
pub fn record_page(path: &str) -> Option<(EntityKind, i32)> {
    let (segment, id) = path.strip_prefix('/')?.split_once('/')?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = id.parse::<i32>().ok().filter(|id| *id > 0)?;
    let entity = ALL.iter().find(|e| e.path == segment)?;
    Some((entity.kind, id))
}

/// Record `id` of `kind` with its related records, as its page shows it: the one read of a record page,
/// whether started early or by `get_record`.
pub(crate) async fn read(
    kind: EntityKind,
    halo: &halo::client::HaloClient,
    id: i32,
) -> Result<Detail, AppError> {
    use crate::entities::server::Store as _;
    crate::entities::with_store!(kind, S => S::detail(halo, id).await)
}

/// Starts the reads of record `id` of `kind` (a [`record_page`]) through `halo`: polls them once here,
/// then leaves them to a task on the current runtime (which runs once the caller yields).
pub async fn start(kind: EntityKind, id: i32, halo: &halo::client::HaloClient) -> EarlyRecord {
    let halo = halo.clone();
    let mut reads: BoxFuture<'static, Result<Detail, AppError>> =
        Box::pin(async move { read(kind, &halo, id).await });
    let first = std::future::poll_fn(|cx| Poll::Ready(reads.as_mut().poll(cx))).await;
    let started = match first {
        Poll::Ready(done) => Started::Done(Box::new(done)),
        Poll::Pending => Started::Running(tokio::spawn(reads)),
    };
    EarlyRecord {
        kind,
        id,
        read: Arc::new(Mutex::new(Some(started))),
    }
}

impl EarlyRecord {
    /// Whether the read still waits on HaloPSA (its calls are with their connections).
    pub fn waiting(&self) -> bool {
        matches!(
            *self.read.lock().unwrap_or_else(|e| e.into_inner()),
            Some(Started::Running(_))
        )
    }

    /// The read of record `id` of `kind`, once: `None` when this is another record's, or it was taken.
    fn take(&self, kind: EntityKind, id: i32) -> Option<Started> {
        if (self.kind, self.id) != (kind, id) {
            return None;
        }
        self.read.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// The current request's started read of record `id` of `kind`, taken (at most once per request):
/// awaiting it gives the record.
pub fn take(kind: EntityKind, id: i32) -> Option<impl Future<Output = Result<Detail, AppError>>> {
    let started = leptos::prelude::with_context::<http::request::Parts, _>(|p| {
        p.extensions
            .get::<EarlyRecord>()
            .and_then(|e| e.take(kind, id))
    })
    .flatten()?;
    Some(async move {
        match started {
            Started::Done(done) => *done,
            Started::Running(task) => task.await.unwrap_or_else(|e| {
                tracing::error!(error = %e, "a record page's reads ended without an answer");
                Err(AppError::Internal(
                    "the record's reads were interrupted".into(),
                ))
            }),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::record_page;
    use crate::entities::EntityKind;

    #[test]
    fn only_a_record_page_with_a_positive_id_is_one() {
        assert_eq!(record_page("/clients/42"), Some((EntityKind::Clients, 42)));
        assert_eq!(
            record_page("/suppliers/7"),
            Some((EntityKind::Suppliers, 7))
        );
        for path in [
            "/clients",
            "/clients/",
            "/clients/new",
            "/clients/42/edit",
            "/clients/0",
            "/clients/-1",
            "/clients/+4",
            "/clients/4x",
            "/clients/99999999999",
            "/sites/stock-bins",
            "/nothing/4",
            "/",
            "",
        ] {
            assert_eq!(record_page(path), None, "{path}");
        }
    }
}
