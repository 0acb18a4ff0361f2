//! Graceful shutdown: on SIGTERM the server stops accepting, finishes in-flight requests, and exits 0.

mod common;

use halo_sim::{FaultConfig, SimConfig};
use std::time::Duration;

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
    let killed = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(app.pid().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
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
