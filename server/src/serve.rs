//! The listener: TCP_NODELAY on every accepted connection (axum leaves it off, and multi-chunk responses
//! then stall on Nagle/delayed ACK), graceful shutdown on SIGTERM or Ctrl-C, bounded in time.

use axum::serve::ListenerExt;
use axum::Router;
use std::future::IntoFuture;
use std::time::Duration;
use tokio::net::TcpListener;

/// After a shutdown signal, in-flight requests get this long to finish (within Kubernetes' default grace
/// period of 30 s); a longer export, or a connection that never ends, is then cut and the process exits.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// Serves until a shutdown signal, then lets in-flight requests finish for at most [`SHUTDOWN_GRACE`].
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let (signalled, heard) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        let _ = signalled.send(());
    });
    let grace_over = async move {
        match heard.await {
            Ok(()) => tokio::time::sleep(SHUTDOWN_GRACE).await,
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
