//! A page's HaloPSA reads, started before the page is drawn.
//!
//! A page's reads begin when its component runs, and Leptos builds the whole view tree (head, header,
//! route match, every section) before it first waits; only then do the request's connections get to
//! write the calls. On a cold record page that put ~0.3–0.6 ms of drawing in front of the HaloPSA calls,
//! all of it in the page's own share of its time (docs/PERFORMANCE.md, "Calls before the frame").
//!
//! So the server, once the session gate has let a request in, asks [`pages::start`] whether the address
//! is a page whose reads are known from the address alone: a record page, a list page (with the query it
//! will be read with), the overview. If it is, each read is polled once right there ([`start`]), which
//! hands its calls to their connections' tasks; the rest of the read goes to a task of its own, and the
//! request yields once, so the connections write the calls before the page is drawn. The page's server
//! function then awaits that read ([`taken_or`]) instead of starting its own: the same reads, made once,
//! through the request's own HaloPSA handle (so its rate-limit class, Server-Timing and stale-copy notice
//! are the page's), with the same errors. A read is handed over only to a request asking for the same
//! thing (its key: the record, the list and query); the task runs to its end whether or not a page takes
//! it, so a read that others joined in the read cache is never left unpolled. A record page's read is the
//! exception ([`start_kept`]): the page awaits it first thing, so it stays in the request's own task and
//! its last reply wakes the page directly, without a task between them.
//!
//! (The first poll is the request's own: a read spawned straight away reached its connections only after
//! the page was drawn, `strace` showed; docs/PERFORMANCE.md.)

pub mod pages;

use crate::errors::AppError;
use futures::future::BoxFuture;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use tokio::task::JoinHandle;

/// One read started for the request, as a request extension: started by the server, taken by the page's
/// server function when it asks for the same `key`. Cheap to clone (shared).
pub struct Early<K, T> {
    key: K,
    read: Arc<Mutex<Option<Started<T>>>>,
}

impl<K: Clone, T> Clone for Early<K, T> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            read: self.read.clone(),
        }
    }
}

/// A read after its first poll: already answered (every call it needed was cached), running in its
/// task, or kept for the page to go on with in the request's own task.
enum Started<T> {
    Done(Box<Result<T, AppError>>),
    Running(JoinHandle<Result<T, AppError>>),
    Kept(BoxFuture<'static, Result<T, AppError>>),
}

/// Starts `read`, known by `key`: polls it once here, then leaves it to a task on the current runtime
/// (which runs once the caller yields).
pub async fn start<K, T>(
    key: K,
    read: impl Future<Output = Result<T, AppError>> + Send + 'static,
) -> Early<K, T>
where
    T: Send + 'static,
{
    begin(key, Box::pin(read), true).await
}

/// Starts `read` as [`start`] does, but keeps the rest of it for the page to await in the request's own
/// task: for a page whose first wait is this read (a record page), so that its last reply wakes the page
/// directly instead of a task that then wakes the page. Nothing else can be left waiting on it: the page
/// polls it from its first wait on, and if the request ends first the read ends with it, which the read
/// cache treats as a call abandoned (another reader then makes the call).
pub async fn start_kept<K, T>(
    key: K,
    read: impl Future<Output = Result<T, AppError>> + Send + 'static,
) -> Early<K, T>
where
    T: Send + 'static,
{
    begin(key, Box::pin(read), false).await
}

async fn begin<K, T>(
    key: K,
    mut read: BoxFuture<'static, Result<T, AppError>>,
    spawn: bool,
) -> Early<K, T>
where
    T: Send + 'static,
{
    let first = std::future::poll_fn(|cx| Poll::Ready(read.as_mut().poll(cx))).await;
    let started = match first {
        Poll::Ready(done) => Started::Done(Box::new(done)),
        Poll::Pending if spawn => Started::Running(tokio::spawn(read)),
        Poll::Pending => Started::Kept(read),
    };
    Early {
        key,
        read: Arc::new(Mutex::new(Some(started))),
    }
}

impl<K: PartialEq, T> Early<K, T> {
    /// Whether the read still waits on HaloPSA (its calls are with their connections).
    pub fn waiting(&self) -> bool {
        matches!(
            *self.read.lock().unwrap_or_else(|e| e.into_inner()),
            Some(Started::Running(_) | Started::Kept(_))
        )
    }

    /// The read, once, if it is `key`'s: `None` when it is another's, or it was taken.
    fn take(&self, key: &K) -> Option<Started<T>> {
        if self.key != *key {
            return None;
        }
        self.read.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// The current request's started read for `key`, taken (at most once per request): awaiting it gives what
/// the read gave. `None` when none was started for `key` (another page, an API call, a test).
fn take<K, T>(key: &K) -> Option<impl Future<Output = Result<T, AppError>>>
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Send + 'static,
{
    let started = leptos::prelude::with_context::<http::request::Parts, _>(|p| {
        p.extensions.get::<Early<K, T>>().and_then(|e| e.take(key))
    })
    .flatten()?;
    Some(async move {
        match started {
            Started::Done(done) => *done,
            Started::Running(task) => task.await.unwrap_or_else(|e| {
                tracing::error!(error = %e, "a page's early reads ended without an answer");
                Err(AppError::Internal(
                    "the page's reads were interrupted".into(),
                ))
            }),
            Started::Kept(read) => read.await,
        }
    })
}

/// `take(key)` awaited, or `read` when nothing was started for `key`.
pub async fn taken_or<K, T>(
    key: &K,
    read: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError>
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Send + 'static,
{
    match take::<K, T>(key) {
        Some(started) => started.await,
        None => read.await,
    }
}
