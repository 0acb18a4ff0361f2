//! The request threads. Each runs its own single-threaded tokio runtime; thread 0 also accepts, and
//! keeps or hands on each connection (`connections`: the least loaded thread, thread 0 on a tie, so an
//! idle server wakes one thread per new connection, not two). A connection's requests, and every task a
//! page render spawns, stay on that one thread. With tokio's shared multi-thread pool each of Leptos's
//! per-resource tasks could wake an idle worker: measured, a warm page made 16 `epoll_wait` and 5 `futex`
//! calls, now 4 and none, and a cold view's own share fell by 0.5–1 ms (PERFORMANCE, "Request threads and
//! whole-program optimisation").
//!
//! TCP_NODELAY is set on every accepted connection (axum leaves it off, and multi-chunk responses then
//! stall on Nagle/delayed ACK). On SIGTERM or Ctrl-C the listener closes, every thread stops taking new
//! requests and lets in-flight ones finish, bounded in time.

use crate::connections::{Accepting, Handed, Handoff, Load};
use axum::serve::ListenerExt;
use axum::Router;
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch, Notify};

/// After a shutdown signal, in-flight requests get this long to finish (within Kubernetes' default grace
/// period of 30 s); a longer export, or a connection that never ends, is then cut and the process exits.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// How many request threads: `TOKIO_WORKER_THREADS` when set (tokio's own name for the same knob, so an
/// operator's habit carries over), else one per core.
pub fn request_threads() -> Result<usize, String> {
    match std::env::var("TOKIO_WORKER_THREADS") {
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if (1..=1024).contains(&n) => Ok(n),
            _ => Err(format!(
                "TOKIO_WORKER_THREADS must be a whole number from 1 to 1024, not {v:?}"
            )),
        },
        Err(_) => Ok(std::thread::available_parallelism().map_or(2, |n| n.get())),
    }
}

/// Serves until a shutdown signal, then lets in-flight requests finish for at most [`SHUTDOWN_GRACE`].
/// The calling runtime waits for the signal; the requests, and the accepting, run on `threads` threads of
/// their own.
pub async fn serve(listener: TcpListener, router: Router, threads: usize) -> std::io::Result<()> {
    let local = listener.local_addr()?;
    // re-registered on thread 0's runtime, which accepts from it
    let listener = listener.into_std()?;
    let (stop, stopped) = watch::channel(false);
    let (release, released) = watch::channel(false);
    let loads: Vec<Load> = (0..threads.max(1)).map(Load::new).collect();
    let mut others = Vec::with_capacity(threads);
    let mut finished = Vec::with_capacity(threads);
    let mut listeners = vec![Incoming::Accepting(listener)];
    for load in &loads[1..] {
        let (queue, incoming) = mpsc::unbounded_channel::<Handoff>();
        others.push((queue, load.clone()));
        listeners.push(Incoming::Handed(incoming));
    }
    let mut others = Some(others);
    for (index, incoming) in listeners.into_iter().enumerate() {
        let (done, finish) = oneshot::channel::<std::io::Result<()>>();
        let worker = RequestThread {
            parts: ServeParts {
                incoming,
                others: if index == 0 { others.take() } else { None },
                own: loads[index].clone(),
                local,
                router: router.clone(),
                stopped: stopped.clone(),
            },
            released: released.clone(),
            done,
        };
        std::thread::Builder::new()
            .name(format!("haloscope-req-{index}"))
            // Deep Leptos view trees render recursively: 8 MiB stacks keep every page clear of the edge.
            .stack_size(8 * 1024 * 1024)
            .spawn(move || worker.run())?;
        finished.push(finish);
    }
    let mut outcome = Ok(());
    let mut finished = finished.into_iter();
    let mut accepting = finished.next();
    if let Some(first) = accepting.as_mut() {
        tokio::select! {
            () = shutdown_signal() => {}
            // The accepting thread ended before any signal (its runtime or its socket failed, or it
            // panicked): nothing more will be accepted, so the process ends once the others have finished
            // what they have.
            ended = first => {
                accepting = None;
                tracing::error!("the accepting request thread has stopped: no longer accepting connections");
                outcome = Err(match ended {
                    Ok(Err(e)) => e,
                    _ => std::io::Error::other("the accepting request thread has stopped"),
                });
            }
        }
    }
    let _ = stop.send(true);
    for finish in accepting.into_iter().chain(finished) {
        // A thread that panicked drops its sender: that counts as finished.
        if let Ok(Err(e)) = finish.await {
            outcome = Err(e);
        }
    }
    // Only now may the threads' runtimes end: connections of the shared Redis pool (and of HaloPSA clients
    // used off the request threads) live on whichever thread opened them, and requests on other threads
    // used them until a moment ago. Each request thread's own HaloPSA connections end with it.
    let _ = release.send(true);
    outcome
}

/// Where a request thread's connections come from.
enum Incoming {
    /// Thread 0: the listening socket itself.
    Accepting(std::net::TcpListener),
    /// Any other: the connections thread 0 hands on.
    Handed(mpsc::UnboundedReceiver<Handoff>),
}

/// One request thread: its own single-threaded runtime serving its connections.
struct RequestThread {
    parts: ServeParts,
    /// Flips when every thread has finished serving: this runtime, and what lives on it, may end.
    released: watch::Receiver<bool>,
    /// Says this thread has finished serving, and how.
    done: oneshot::Sender<std::io::Result<()>>,
}

impl RequestThread {
    fn run(self) {
        // this thread's upstream calls go over connections its own runtime drives (`halo`'s `pinned`)
        halo::client::pin_connections_to_this_thread();
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                tracing::error!(error = %e, "a request thread could not start its runtime");
                let _ = self.done.send(Err(e));
                return;
            }
        };
        let RequestThread {
            parts,
            mut released,
            done,
        } = self;
        runtime.block_on(async move {
            let served = parts.serve().await;
            let _ = done.send(served);
            // The sender gone (the accepting side panicked) ends the wait too.
            let _ = released.wait_for(|r| *r).await;
        });
    }
}

/// What a request thread serves with, once its runtime runs.
struct ServeParts {
    incoming: Incoming,
    /// Thread 0 only: the other threads' queues and loads.
    others: Option<Vec<(mpsc::UnboundedSender<Handoff>, Load)>>,
    own: Load,
    local: SocketAddr,
    router: Router,
    /// Flips when the shutdown signal came: the grace period starts.
    stopped: watch::Receiver<bool>,
}

impl ServeParts {
    /// axum on this thread's connections until they stop coming and the last one is done, or until the
    /// grace after the shutdown signal is over.
    async fn serve(self) -> std::io::Result<()> {
        let drained = Arc::new(Notify::new());
        let make_service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        // Graceful shutdown begins once no connection can come any more (thread 0: the socket is closed;
        // the others: the queue is closed *and* empty, so a connection handed on just before the signal
        // is still served).
        let until_drained = {
            let drained = drained.clone();
            async move { drained.notified().await }
        };
        // (the tap is also what lets axum hand the peer's address to `ConnectInfo`)
        match self.incoming {
            Incoming::Accepting(listener) => {
                let listener = TcpListener::from_std(listener)?;
                let accepting = Accepting {
                    listener: Some(listener),
                    local: self.local,
                    own: self.own,
                    others: self.others.unwrap_or_default(),
                    stopped: self.stopped.clone(),
                    drained,
                };
                let server = axum::serve(accepting.tap_io(|tcp| tcp.set_nodelay()), make_service)
                    .with_graceful_shutdown(until_drained);
                within_grace(server.into_future(), self.stopped).await
            }
            Incoming::Handed(incoming) => {
                let handed = Handed {
                    incoming,
                    local: self.local,
                    drained,
                };
                let server = axum::serve(handed.tap_io(|tcp| tcp.set_nodelay()), make_service)
                    .with_graceful_shutdown(until_drained);
                within_grace(server.into_future(), self.stopped).await
            }
        }
    }
}

/// Runs `server` to its end, or until the grace after the shutdown signal is over.
async fn within_grace(
    server: impl std::future::Future<Output = std::io::Result<()>>,
    mut stopped: watch::Receiver<bool>,
) -> std::io::Result<()> {
    {
        let grace_over = async move {
            match stopped.wait_for(|stop| *stop).await {
                Ok(_) => tokio::time::sleep(SHUTDOWN_GRACE).await,
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            served = server => served,
            () = grace_over => {
                tracing::warn!(
                    grace_secs = SHUTDOWN_GRACE.as_secs(),
                    "requests still running when the shutdown grace ended were cut"
                );
                Ok(())
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
