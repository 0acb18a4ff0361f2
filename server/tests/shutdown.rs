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
