//! Where each connection goes, and the listeners axum serves from. Request thread 0 accepts; each
//! connection goes to the thread with the fewest open connections, thread 0 on a tie. An idle server
//! therefore serves a new connection on the thread the kernel already woke to accept it: no second thread
//! is woken, which a cold page view otherwise pays for (0.02–0.29 ms, PERFORMANCE "A cold list view,
//! syscall by syscall"). Under load the connections spread evenly, as a round-robin deal would spread them.
//!
//! Each thread's open and accepted connections are in `/metrics` (`haloscope_connections_open` and
//! `haloscope_connections_total`, by `thread`).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Notify};

/// One request thread's share: its open connections, and the same figures for `/metrics`.
#[derive(Clone)]
pub struct Load {
    open: Arc<AtomicUsize>,
    gauge: metrics::Gauge,
    accepted: metrics::Counter,
}

impl Load {
    /// The load of request thread `index`, starting empty.
    pub fn new(index: usize) -> Load {
        let thread = index.to_string();
        Load {
            open: Arc::new(AtomicUsize::new(0)),
            gauge: metrics::gauge!("haloscope_connections_open", "thread" => thread.clone()),
            accepted: metrics::counter!("haloscope_connections_total", "thread" => thread),
        }
    }

    fn open(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }

    /// Counts one more connection until the returned claim is dropped.
    fn claim(&self) -> Claim {
        self.open.fetch_add(1, Ordering::Relaxed);
        self.gauge.increment(1.0);
        Claim(self.clone())
    }
}

/// One open connection counted against a thread; dropping it (the connection ended, or never reached its
/// thread) takes it off again.
pub struct Claim(Load);

impl Drop for Claim {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::Relaxed);
        self.0.gauge.decrement(1.0);
    }
}

/// The thread a new connection goes to: the fewest open connections, the first listed on a tie (the
/// accepting thread lists itself first).
pub fn least(open: impl IntoIterator<Item = usize>) -> usize {
    open.into_iter()
        .enumerate()
        .min_by_key(|&(at, n)| (n, at))
        .map_or(0, |(at, _)| at)
}

/// A connection on its way from the accepting thread to another request thread.
pub type Handoff = (std::net::TcpStream, SocketAddr, Claim);

/// A served connection: the socket, counted against its thread for as long as it is open.
pub struct Counted {
    tcp: TcpStream,
    _claim: Claim,
}

impl Counted {
    /// The connection as its thread serves it: counted in that thread's accepted connections here, so a
    /// connection whose hand-off failed is not.
    fn new(tcp: TcpStream, claim: Claim) -> Counted {
        claim.0.accepted.increment(1);
        Counted { tcp, _claim: claim }
    }

    /// Small responses go out at once (axum leaves Nagle on, and multi-chunk responses then stall on
    /// Nagle and delayed ACKs).
    pub fn set_nodelay(&self) {
        let _ = self.tcp.set_nodelay(true);
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.tcp).poll_write(cx, buf)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.tcp).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

/// Request thread 0's listener: it accepts every connection, keeps those it has the fewest open of and
/// hands the others on. After the shutdown signal it closes the socket (a later connection attempt is
/// refused) and the queues, so the other threads finish too.
pub struct Accepting {
    /// `None` once closed.
    pub listener: Option<TcpListener>,
    pub local: SocketAddr,
    /// This thread's load; it is listed first.
    pub own: Load,
    /// The other threads still taking connections, each with its load.
    pub others: Vec<(mpsc::UnboundedSender<Handoff>, Load)>,
    pub stopped: watch::Receiver<bool>,
    /// Told once closed: this thread's graceful shutdown begins.
    pub drained: Arc<Notify>,
}

impl Accepting {
    fn close(&mut self) {
        self.listener = None;
        self.others.clear();
        self.drained.notify_one();
    }

    /// The thread with the fewest open connections: 0 is this one, `n` is `others[n - 1]`.
    fn least_loaded(&self) -> usize {
        least(std::iter::once(self.own.open()).chain(self.others.iter().map(|(_, l)| l.open())))
    }

    /// Gives the connection to the least loaded thread; `Some` when that is this one.
    fn deal(&mut self, tcp: TcpStream, peer: SocketAddr) -> Option<Counted> {
        if self.least_loaded() == 0 {
            return Some(self.keep(tcp));
        }
        let mut std_tcp = match tcp.into_std() {
            Ok(std_tcp) => std_tcp,
            Err(e) => {
                tracing::warn!(error = %e, "could not hand a connection to a request thread");
                return None;
            }
        };
        loop {
            let at = self.least_loaded();
            if at == 0 {
                // every other thread has stopped
                return TcpStream::from_std(std_tcp).ok().map(|tcp| self.keep(tcp));
            }
            let (queue, load) = &self.others[at - 1];
            match queue.send((std_tcp, peer, load.claim())) {
                Ok(()) => return None,
                Err(mpsc::error::SendError((back, _, _))) => {
                    tracing::error!("a request thread has stopped: its share goes to the others");
                    self.others.remove(at - 1);
                    std_tcp = back;
                }
            }
        }
    }

    fn keep(&self, tcp: TcpStream) -> Counted {
        Counted::new(tcp, self.own.claim())
    }
}

impl axum::serve::Listener for Accepting {
    type Io = Counted;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Counted, SocketAddr) {
        loop {
            let Some(listener) = self.listener.as_ref() else {
                // closed: axum stops asking once the graceful shutdown has begun
                return std::future::pending().await;
            };
            let stopped = &mut self.stopped;
            let accepted = tokio::select! {
                biased;
                _ = stopped.wait_for(|stop| *stop) => None,
                accepted = listener.accept() => Some(accepted),
            };
            match accepted {
                None => self.close(),
                Some(Ok((tcp, peer))) => {
                    if let Some(kept) = self.deal(tcp, peer) {
                        return (kept, peer);
                    }
                }
                Some(Err(e)) if is_connection_error(&e) => {}
                Some(Err(e)) => {
                    // Out of file descriptors and the like: wait instead of spinning (axum does the same).
                    tracing::error!(error = %e, "accepting a connection failed");
                    let stopped = &mut self.stopped;
                    let stop = tokio::select! {
                        _ = stopped.wait_for(|stop| *stop) => true,
                        () = tokio::time::sleep(Duration::from_secs(1)) => false,
                    };
                    if stop {
                        self.close();
                    }
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.local)
    }
}

/// Errors that concern one connection only (the peer gave up before it was accepted).
fn is_connection_error(e: &io::Error) -> bool {
    use io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// The connections handed to one of the other request threads, as axum's listener.
pub struct Handed {
    pub incoming: mpsc::UnboundedReceiver<Handoff>,
    pub local: SocketAddr,
    /// Told when the accepting thread has closed the queue and every connection in it was taken.
    pub drained: Arc<Notify>,
}

impl axum::serve::Listener for Handed {
    type Io = Counted;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Counted, SocketAddr) {
        loop {
            let Some((tcp, peer, claim)) = self.incoming.recv().await else {
                // Closed and empty: shut down gracefully (axum stops asking once told).
                self.drained.notify_one();
                return std::future::pending().await;
            };
            // Registers the socket with this thread's runtime; fails only if the runtime is shutting down.
            match TcpStream::from_std(tcp) {
                Ok(tcp) => return (Counted::new(tcp, claim), peer),
                Err(e) => tracing::warn!(error = %e, "could not take over a connection"),
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.local)
    }
}

#[cfg(test)]
mod tests {
    use super::least;

    #[test]
    fn an_idle_server_keeps_a_new_connection_on_the_accepting_thread() {
        assert_eq!(least([0, 0, 0]), 0);
        assert_eq!(least([2, 2]), 0);
    }

    #[test]
    fn a_busier_accepting_thread_hands_on_to_the_least_loaded_other() {
        assert_eq!(least([1, 0]), 1);
        assert_eq!(least([3, 2, 1, 1]), 2);
        assert_eq!(least([1, 1, 0]), 2);
    }

    #[test]
    fn connections_arriving_together_are_dealt_evenly() {
        let mut open = [0usize; 2];
        for _ in 0..8 {
            open[least(open)] += 1;
        }
        assert_eq!(open, [4, 4]);
        let mut open = [0usize; 3];
        for _ in 0..9 {
            open[least(open)] += 1;
        }
        assert_eq!(open, [3, 3, 3]);
    }

    #[test]
    fn no_thread_listed_means_the_accepting_one() {
        assert_eq!(least(std::iter::empty()), 0);
    }
}
