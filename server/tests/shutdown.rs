//! Graceful shutdown: on SIGTERM the server stops accepting, finishes in-flight requests (for at most 20 s),
//! and exits 0.

mod common;

use halo_sim::{FaultConfig, SimConfig};
use std::time::Duration;

/// Sends SIGTERM to the process, as a service manager stopping it does.
fn sigterm(app: &common::Haloscope) {
    let killed = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(app.pid().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
}

#[tokio::test]
async fn sigterm_lets_an_in_flight_request_finish() {
    let cfg = SimConfig::default();
    let (sim, mut app) = common::start_with(cfg, &[]).await;
    // warm the app token so the slow part is the list call itself
    assert_eq!(common::list(&app, "clients", "").await.0, 200);
    sim.sim.faults().set(FaultConfig {
        latency_ms: 1500,
        ..Default::default()
    });
    let remote = app.remote();
    let in_flight = tokio::spawn(async move { common::list(&remote, "clients", "q=a").await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    sigterm(&app);
    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, 200, "the in-flight request finished: {body}");
    assert!(body["record_count"].as_u64().unwrap() > 0);
    assert_eq!(
        app.wait_exit(Duration::from_secs(10)),
        Some(0),
        "exits cleanly"
    );
    let after = reqwest::get(format!("{}/healthz", app.base)).await;
    assert!(after.is_err(), "no longer listening");
}

#[tokio::test]
async fn a_request_that_outlasts_the_grace_does_not_hold_the_shutdown() {
    let (sim, mut app) = common::start_with(SimConfig::default(), &[]).await;
    assert_eq!(common::list(&app, "clients", "").await.0, 200);
    // every page of the export takes 3 s: its 60 pages would take minutes
    sim.sim.faults().set(FaultConfig {
        latency_ms: 3000,
        ..Default::default()
    });
    let export = app
        .client
        .get(format!("{}/export/sites.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status().as_u16(), 200, "the export runs");
    sigterm(&app);
    let started = std::time::Instant::now();
    assert_eq!(
        app.wait_exit(Duration::from_secs(30)),
        Some(0),
        "exits cleanly once the grace is over"
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(15) && took < Duration::from_secs(28),
        "the export got its grace, then was cut: {took:?}"
    );
    drop(export);
}

/// Requests run on several request threads, each with a runtime of its own (`serve.rs`); the HaloPSA
/// connections they share live on whichever thread opened them. Every request in flight on every thread
/// finishes, including those whose thread has nothing else to do when the signal comes.
#[tokio::test]
async fn sigterm_lets_requests_on_every_request_thread_finish() {
    let (sim, mut app) =
        common::start_with(SimConfig::default(), &[("TOKIO_WORKER_THREADS", "3")]).await;
    let remote = app.remote();
    // open several upstream connections, from requests spread over the threads
    let warm: Vec<_> = (0..6)
        .map(|i| {
            let remote = remote.clone();
            tokio::spawn(async move { common::list(&remote, "clients", &format!("q=w{i}")).await })
        })
        .collect();
    for w in warm {
        assert_eq!(w.await.unwrap().0, 200);
    }
    sim.sim.faults().set(FaultConfig {
        latency_ms: 1200,
        ..Default::default()
    });
    // nine connections at once, dealt three to each thread
    let mut in_flight: Vec<_> = (0..9)
        .map(|i| {
            let remote = remote.clone();
            tokio::spawn(async move { common::list(&remote, "clients", &format!("q={i}")).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(400)).await;
    sigterm(&app);
    assert!(!in_flight.is_empty());
    for (i, request) in in_flight.drain(..).enumerate() {
        let (status, body) = request.await.unwrap();
        assert_eq!(status, 200, "request {i} finished: {body}");
        assert!(body["rows"].is_array(), "request {i} is whole: {body}");
    }
    assert_eq!(
        app.wait_exit(Duration::from_secs(10)),
        Some(0),
        "exits cleanly"
    );
}

/// A request on one request thread can wait on an upstream connection that another thread opened (the
/// HaloPSA connection pool is shared; each connection's task lives on the thread that opened it). When the
/// signal comes and that other thread has nothing left to serve, it must keep its runtime, and with it the
/// connection, until every thread is done.
#[tokio::test]
async fn a_request_waiting_on_a_connection_another_thread_opened_finishes() {
    let (sim, mut app) =
        common::start_with(SimConfig::default(), &[("TOKIO_WORKER_THREADS", "2")]).await;
    // two browsers, each keeping its connection: the second connection goes to the thread with fewer
    // open (`connections.rs`), so the two browsers' requests run on different threads
    let browser = common::new_browser(&app).await;
    let other = common::new_browser(&app).await;
    let text = common::get(&app, "/metrics").await.text().await.unwrap();
    for thread in 0..2 {
        let series = format!("haloscope_connections_open{{thread=\"{thread}\"}}");
        let open = common::series_value(&text, &series).unwrap_or(0.0);
        assert!(open >= 1.0, "thread {thread} serves a browser: {text}");
    }
    let first = app.with_client(&browser);
    let remote = app.with_client(&other);
    // the first thread opens the upstream connections, which then wait idle in the pool
    assert_eq!(common::list(&first, "clients", "q=first").await.0, 200);
    sim.sim.faults().set(FaultConfig {
        latency_ms: 1500,
        ..Default::default()
    });
    // the other thread's request takes them (another search: no older copy to fall back on)
    let in_flight = tokio::spawn(async move { common::list(&remote, "clients", "q=second").await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    sigterm(&app);
    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, 200, "the request finished: {body}");
    assert!(body["rows"].is_array(), "and is whole: {body}");
    assert_eq!(
        app.wait_exit(Duration::from_secs(10)),
        Some(0),
        "exits cleanly"
    );
}
