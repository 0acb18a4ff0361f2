//! The listener and the request threads. One thread accepts connections and hands each, in turn, to one
//! of N request threads (N = the machine's cores, or `TOKIO_WORKER_THREADS`), each running its own
//! single-threaded tokio runtime. A connection's requests, and every task a page render spawns, stay on
//! that one thread. With tokio's shared multi-thread pool each of Leptos's per-resource tasks could wake an
//! idle worker: measured, a warm page made 16 `epoll_wait` and 5 `futex` calls, now 4 and none, and a cold
//! view's own share fell by 0.5–1 ms (PERFORMANCE, "Request threads and whole-program optimisation").
//!
//! TCP_NODELAY is set on every accepted connection (axum leaves it off, and multi-chunk responses then
//! stall on Nagle/delayed ACK). On SIGTERM or Ctrl-C the listener closes, every thread stops taking new
//! requests and lets in-flight ones finish, bounded in time.

use axum::serve::ListenerExt;
use axum::Router;
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};

/// After a shutdown signal, in-flight requests get this long to finish (within Kubernetes' default grace
/// period of 30 s); a longer export, or a connection that never ends, is then cut and the process exits.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// A connection on its way from the accepting thread to a request thread.
type Handoff = (std::net::TcpStream, SocketAddr);

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
/// Runs the accept loop on the calling runtime; the requests run on `threads` threads of their own.
pub async fn serve(listener: TcpListener, router: Router, threads: usize) -> std::io::Result<()> {
    let local = listener.local_addr()?;
    let (stop, stopped) = watch::channel(false);
    let (release, released) = watch::channel(false);
    let mut queues = Vec::with_capacity(threads);
    let mut finished = Vec::with_capacity(threads);
    for index in 0..threads {
        let (queue, incoming) = mpsc::unbounded_channel::<Handoff>();
        let (done, finish) = oneshot::channel::<std::io::Result<()>>();
        let worker = RequestThread {
            incoming,
            local,
            router: router.clone(),
            stopped: stopped.clone(),
            released: released.clone(),
            done,
        };
        std::thread::Builder::new()
            .name(format!("haloscope-req-{index}"))
            // Deep Leptos view trees render recursively: 8 MiB stacks keep every page clear of the edge.
            .stack_size(8 * 1024 * 1024)
            .spawn(move || worker.run())?;
        queues.push(queue);
        finished.push(finish);
    }
    let all_stopped = accept_until_signalled(listener, queues).await;
    let _ = stop.send(true);
    let mut outcome = if all_stopped {
        Err(std::io::Error::other("every request thread has stopped"))
    } else {
        Ok(())
    };
    for finish in finished {
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

/// Accepts connections and deals them round-robin to the request threads until a shutdown signal (the
/// listener is dropped on return, so a connection attempt after it is refused). A thread that stopped is
/// left out from then on; `true` when none is left.
async fn accept_until_signalled(
    listener: TcpListener,
    mut queues: Vec<mpsc::UnboundedSender<Handoff>>,
) -> bool {
    let signal = shutdown_signal();
    tokio::pin!(signal);
    let mut next = 0usize;
    loop {
        let accepted = tokio::select! {
            () = &mut signal => return false,
            accepted = listener.accept() => accepted,
        };
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                // Out of file descriptors and the like: wait instead of spinning (axum does the same).
                tracing::error!(error = %e, "accepting a connection failed");
                tokio::select! {
                    () = &mut signal => return false,
                    () = tokio::time::sleep(Duration::from_secs(1)) => continue,
                }
            }
        };
        let mut handoff = match tcp.into_std() {
            Ok(std_tcp) => (std_tcp, peer),
            Err(e) => {
                tracing::warn!(error = %e, "could not hand a connection to a request thread");
                continue;
            }
        };
        loop {
            if queues.is_empty() {
                tracing::error!(
                    "every request thread has stopped: no longer accepting connections"
                );
                return true;
            }
            let at = next % queues.len();
            match queues[at].send(handoff) {
                Ok(()) => break,
                Err(mpsc::error::SendError(back)) => {
                    tracing::error!("a request thread has stopped: its share goes to the others");
                    queues.remove(at);
                    handoff = back;
                }
            }
        }
        next = next.wrapping_add(1);
    }
}

/// Errors that concern one connection only (the peer gave up before it was accepted).
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// One request thread: its own single-threaded runtime serving the connections handed to it.
struct RequestThread {
    incoming: mpsc::UnboundedReceiver<Handoff>,
    local: SocketAddr,
    router: Router,
    /// Flips when the shutdown signal came: the grace period starts.
    stopped: watch::Receiver<bool>,
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
            incoming,
            local,
            router,
            stopped,
            mut released,
            done,
        } = self;
        runtime.block_on(async move {
            let served = serve_connections(incoming, local, router, stopped).await;
            let _ = done.send(served);
            // The sender gone (the accepting side panicked) ends the wait too.
            let _ = released.wait_for(|r| *r).await;
        });
    }
}

/// axum on the connections handed to this thread until they stop coming and the last one is done, or
/// until the grace after the shutdown signal is over.
async fn serve_connections(
    incoming: mpsc::UnboundedReceiver<Handoff>,
    local: SocketAddr,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let drained = std::sync::Arc::new(tokio::sync::Notify::new());
    let incoming = Handed {
        incoming,
        local,
        drained: drained.clone(),
    };
    // (the tap is also what lets axum hand the peer's address to `ConnectInfo`)
    let incoming = incoming.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    // Graceful shutdown begins once the queue is closed *and* empty, so a connection accepted just before
    // the signal is still served.
    let server = axum::serve(
        incoming,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move { drained.notified().await });
    let grace_over = async move {
        match stopped.wait_for(|stop| *stop).await {
            Ok(_) => tokio::time::sleep(SHUTDOWN_GRACE).await,
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        served = server.into_future() => served,
        () = grace_over => {
            tracing::warn!(
                grace_secs = SHUTDOWN_GRACE.as_secs(),
                "requests still running when the shutdown grace ended were cut"
            );
            Ok(())
        }
    }
}

/// The connections handed to one request thread, as axum's listener.
struct Handed {
    incoming: mpsc::UnboundedReceiver<Handoff>,
    local: SocketAddr,
    /// Told when the accepting side has closed the queue and every connection in it was taken.
    drained: std::sync::Arc<tokio::sync::Notify>,
}

impl axum::serve::Listener for Handed {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        loop {
            let Some((tcp, peer)) = self.incoming.recv().await else {
                // Closed and empty: shut down gracefully (axum stops asking once told).
                self.drained.notify_one();
                return std::future::pending().await;
            };
            // Registers the socket with this thread's runtime; fails only if the runtime is shutting down.
            match TcpStream::from_std(tcp) {
                Ok(tcp) => return (tcp, peer),
                Err(e) => tracing::warn!(error = %e, "could not take over a connection"),
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.local)
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
