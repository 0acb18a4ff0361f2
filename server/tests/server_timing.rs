//! A page that called HaloPSA says in `Server-Timing` how many calls it sent and how long the slowest took,
//! as the simulator saw them arrive; a page answered from the read cache says nothing of HaloPSA.

mod common;

use halo_sim::{FaultConfig, SimConfig};
use std::time::{Duration, Instant};

/// The `halo` entry of `res`'s `Server-Timing`: (milliseconds, calls), or `None` without one.
fn halo_timing(res: &reqwest::Response) -> Option<(f64, u64)> {
    let value = res
        .headers()
        .get("server-timing")?
        .to_str()
        .unwrap()
        .to_owned();
    let rest = value
        .strip_prefix("halo;dur=")
        .unwrap_or_else(|| panic!("{value}"));
    let (ms, desc) = rest
        .split_once(";desc=\"slowest of ")
        .unwrap_or_else(|| panic!("{value}"));
    let calls = desc.split(' ').next().unwrap();
    Some((ms.parse().unwrap(), calls.parse().unwrap()))
}

#[tokio::test]
async fn a_cold_page_names_its_slowest_halo_call_and_a_warm_one_none() {
    let (sim, app) =
        common::start_with(SimConfig::default(), &[("HALOSCOPE_CACHE_TTL", "60")]).await;
    assert_eq!(
        common::get(&app, "/").await.status(),
        200,
        "the app token fetched"
    );
    let id = sim.sim.ids(halo_sim::Entity::Client)[0];
    let path = format!("/clients/{id}");
    sim.sim.faults().set(FaultConfig {
        latency_ms: 150,
        ..Default::default()
    });

    let before = sim.sim.request_count();
    let started = Instant::now();
    let cold = common::get(&app, &path).await;
    let took = started.elapsed();
    let sent = sim.sim.request_count() - before;
    assert_eq!(cold.status(), 200);
    let (ms, calls) = halo_timing(&cold).expect("a cold page has a halo entry");
    assert!(
        sent >= 2,
        "a client's page asks for the client and its related records ({sent})"
    );
    assert_eq!(calls, sent, "every call the simulator saw, and no other");
    assert!(
        ms >= 150.0,
        "the slowest call waited out the latency: {ms} ms"
    );
    assert!(
        Duration::from_secs_f64(ms / 1000.0) <= took,
        "no call outlasts its page: {ms} ms of {took:?}"
    );
    assert!(cold.text().await.unwrap().contains("</html>"));

    let before = sim.sim.request_count();
    let warm = common::get(&app, &path).await;
    assert_eq!(warm.status(), 200);
    assert_eq!(
        sim.sim.request_count(),
        before,
        "answered from the read cache"
    );
    assert_eq!(halo_timing(&warm), None, "no HaloPSA call, no halo entry");
}
