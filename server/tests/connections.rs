//! Which request thread serves a connection (`server/src/connections.rs`): request thread 0 accepts and
//! keeps a connection when it has no more open than any other thread, so an idle server wakes one thread
//! per new connection; connections that arrive together are spread evenly.

mod common;

use halo_sim::{FaultConfig, SimConfig};
use std::time::Duration;

/// `/metrics` read over a connection of its own.
async fn metrics(app: &common::Haloscope) -> String {
    let res = common::plain_client()
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

/// Thread `thread`'s figure `name` (`total`: accepted so far, `open`: open now); a series not reported
/// yet counts as 0.
fn connections(text: &str, name: &str, thread: usize) -> f64 {
    let series = format!("haloscope_connections_{name}{{thread=\"{thread}\"}}");
    common::series_value(text, &series).unwrap_or(0.0)
}

fn accepted(text: &str, thread: usize) -> f64 {
    connections(text, "total", thread)
}

fn open(text: &str, thread: usize) -> f64 {
    connections(text, "open", thread)
}

/// Views one after another, each on a connection of its own (as a cold page view in the bench, or a
/// browser after its idle connection closed), all go to one thread: the least loaded one, which is the
/// accepting thread when nothing else is open. Dealt in turn, every other one went to the other thread
/// and woke it.
#[tokio::test]
async fn connections_one_after_another_all_go_to_one_thread() {
    let (_sim, app) =
        common::start_with(SimConfig::default(), &[("TOKIO_WORKER_THREADS", "2")]).await;
    let before = metrics(&app).await;
    for i in 0..6 {
        // (the previous connection's end reaches the server first, as it would between two page views)
        tokio::time::sleep(Duration::from_millis(100)).await;
        let res = common::plain_client()
            .get(format!("{}/healthz?n={i}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let _ = res.bytes().await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let after = metrics(&app).await;
    let mut taken = [
        accepted(&after, 0) - accepted(&before, 0),
        accepted(&after, 1) - accepted(&before, 1),
    ];
    taken.sort_by(f64::total_cmp);
    // the six views and the connection that read /metrics after them
    assert_eq!(taken, [0.0, 7.0], "one thread took them all: {after}");
}

/// Eight slow views at once (as `wrk -c8` or a browser's parallel requests) spread evenly over two
/// threads, and each connection is counted off when it ends. With every thread accepting for itself, the
/// first one awake took all eight.
#[tokio::test]
async fn connections_arriving_together_spread_over_the_threads() {
    let (sim, app) =
        common::start_with(SimConfig::default(), &[("TOKIO_WORKER_THREADS", "2")]).await;
    let browser = common::new_browser(&app).await;
    let before = metrics(&app).await;
    let open_before = open(&before, 0) + open(&before, 1);
    let remote = app.with_client(&browser);
    sim.sim.faults().set(FaultConfig {
        latency_ms: 1500,
        ..Default::default()
    });
    let views: Vec<_> = (0..8)
        .map(|i| {
            let remote = remote.clone();
            tokio::spawn(async move { common::list(&remote, "clients", &format!("q=s{i}")).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let during = metrics(&app).await;
    let (zero, one) = (open(&during, 0), open(&during, 1));
    assert!(
        zero + one >= 9.0,
        "the eight views and this reader are open: {during}"
    );
    assert!(
        zero >= 4.0 && one >= 4.0,
        "at least four views on each thread: {zero} / {one}"
    );
    for view in views {
        assert_eq!(view.await.unwrap().0, 200);
    }
    // the browser gone, its connections close
    drop((remote, browser));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let after = metrics(&app).await;
    assert!(
        open(&after, 0) + open(&after, 1) <= open_before,
        "closed connections are counted off: {after}"
    );
}
