//! Micro-benchmark: the cost of a 100-row page out of 6,000 clients/sites.
//! Run with `cargo run --release -p halo-sim --example page_bench`.

use std::time::{Duration, Instant};

use halo_sim::{Entity, SimConfig, Simulator};

fn time<F: FnMut()>(mut f: F, iterations: u32) -> Duration {
    f(); // warm (fills the sort cache)
    let started = Instant::now();
    for _ in 0..iterations {
        f();
    }
    started.elapsed() / iterations
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    // 3x scale: 6,000 clients and 18,000 sites
    let sim = Simulator::new(SimConfig {
        scale: 3.0,
        ..SimConfig::default()
    });
    println!(
        "generated {} clients, {} sites in {:?}",
        sim.count(Entity::Client),
        sim.count(Entity::Site),
        started.elapsed()
    );
    in_process(&sim);
    over_http().await;
}

/// Pages listed by the simulator in-process: warm pages, then sorts never asked before.
fn in_process(sim: &Simulator) {
    let cases: &[(&str, Entity, &str)] = &[
        (
            "first page, default order",
            Entity::Client,
            "pageinate=true&page_size=100&page_no=1",
        ),
        (
            "page 40, active+inactive",
            Entity::Client,
            "pageinate=true&page_size=100&page_no=40&includeinactive=true",
        ),
        (
            "search 'dental'",
            Entity::Client,
            "pageinate=true&page_size=100&search=dental",
        ),
        (
            "order toplevel_id, name desc",
            Entity::Client,
            "pageinate=true&page_size=100&page_no=3&order=toplevel_id&order2=name&orderdesc2=true",
        ),
        (
            "sites of toplevel 1 (join)",
            Entity::Site,
            "pageinate=true&page_size=100&toplevel_id=1",
        ),
        (
            "sites of one client",
            Entity::Site,
            "pageinate=true&page_size=100&client_id=2",
        ),
    ];
    println!(
        "{:<34} {:>14} {:>10}",
        "query (100-row page, warm)", "JSON body", "bytes"
    );
    for (label, entity, q) in cases {
        let per = time(
            || {
                let _ = sim.list_json(*entity, q).expect("query");
            },
            2000,
        );
        let bytes = sim.list_json(*entity, q).expect("query").len();
        println!(
            "{label:<34} {:>11.1} µs {bytes:>10}",
            per.as_secs_f64() * 1e6
        );
    }
    // a sort order never asked before (after any write every order is cold like this)
    for field in ["website", "open_ticket_count", "datecreated"] {
        let q = format!("pageinate=true&page_size=100&order={field}");
        let started = Instant::now();
        let _ = sim.list_json(Entity::Client, &q).expect("query");
        println!(
            "cold sort by {field:<21} {:>11.1} µs",
            started.elapsed().as_secs_f64() * 1e6
        );
    }
}

/// An access token of the demo app (client credentials).
async fn app_token(http: &reqwest::Client, running: &halo_sim::RunningSim) -> String {
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", halo_sim::DEMO_CLIENT_ID),
        ("client_secret", halo_sim::DEMO_CLIENT_SECRET),
    ];
    let tenant = halo_sim::DEMO_TENANT;
    let res = http
        .post(format!("{}/token?tenant={tenant}", running.auth_url()))
        .form(&form)
        .send()
        .await;
    let token: serde_json::Value = res.expect("token").json().await.expect("token json");
    token["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

/// The same over HTTP on loopback (token check, routing, serialisation, hyper).
async fn over_http() {
    let running = halo_sim::spawn(SimConfig {
        scale: 3.0,
        ..SimConfig::default()
    })
    .await
    .expect("spawn");
    let http = reqwest::Client::new();
    let token = app_token(&http, &running).await;
    let url = format!(
        "{}/Client?pageinate=true&page_size=100&page_no=7",
        running.api_url()
    );
    let fetch = || async {
        let res = http.get(&url).bearer_auth(&token).send().await;
        res.expect("get").bytes().await.expect("body");
    };
    let n = 500u32;
    for _ in 0..20 {
        fetch().await;
    }
    let started = Instant::now();
    for _ in 0..n {
        fetch().await;
    }
    println!(
        "HTTP round trip, 100-row client page: {:.1} µs",
        (started.elapsed() / n).as_secs_f64() * 1e6
    );
}
