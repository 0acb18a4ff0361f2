//! A record page's HaloPSA reads are started before the page is drawn (`early_reads`); the page is made
//! from exactly those reads: each call once, their errors its errors, shared with a page read beside it.

mod common;

use halo_sim::{Entity, SimConfig};

/// How many requests reached each of a client page's four reads, as the simulator counted them.
fn client_reads(sim: &halo_sim::RunningSim, id: i64) -> [u64; 4] {
    [
        sim.sim.requests_to("GET", &format!("/api/Client/{id}")),
        sim.sim.requests_to("GET", "/api/Site"),
        sim.sim.requests_to("GET", "/api/CRMNote"),
        sim.sim.requests_to("GET", "/api/PopupNote"),
    ]
}

fn sent_since(before: [u64; 4], after: [u64; 4]) -> [u64; 4] {
    std::array::from_fn(|i| after[i] - before[i])
}

#[tokio::test]
async fn a_record_page_sends_each_of_its_reads_once_and_shows_their_errors() {
    let (sim, app) = common::start().await;
    assert_eq!(
        common::get(&app, "/").await.status(),
        200,
        "the app token fetched"
    );
    // a client whose name needs no escaping, to find it in the page as it is
    let (id, name) = sim
        .sim
        .ids(Entity::Client)
        .into_iter()
        .find_map(|id| {
            let name = sim.sim.record(Entity::Client, id)?["name"]
                .as_str()?
                .to_owned();
            let plain =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
            plain.then_some((id, name))
        })
        .expect("a client with a plain name");

    let before = client_reads(&sim, id);
    let all_before = sim.sim.request_count();
    let (status, body) = common::page(&app, &format!("/clients/{id}")).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(&format!("{name}</h1>")),
        "the record's own page"
    );
    assert_eq!(sent_since(before, client_reads(&sim, id)), [1, 1, 1, 1]);
    assert_eq!(sim.sim.request_count() - all_before, 4, "no other call");

    // a record HaloPSA does not have: its one read's 404 is the page's
    let missing = "/api/Client/99999999";
    let (status, body) = common::page(&app, "/clients/99999999").await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Client 99999999 was not found"), "{body}");
    assert_eq!(sim.sim.requests_to("GET", missing), 1, "asked once");

    // an address that is not a record (no id, another page): nothing is read ahead
    let before = sim.sim.request_count();
    let (status, _) = common::page(&app, "/clients/abc").await;
    assert_eq!(status, 404);
    assert_eq!(sim.sim.request_count(), before);
}

#[tokio::test]
async fn two_views_of_one_cold_record_share_its_reads() {
    let (sim, app) =
        common::start_with(SimConfig::default(), &[("HALOSCOPE_CACHE_TTL", "60")]).await;
    assert_eq!(common::get(&app, "/").await.status(), 200);
    sim.sim.faults().set(halo_sim::FaultConfig {
        latency_ms: 200,
        ..Default::default()
    });
    let id = sim.sim.ids(Entity::Client)[1];
    let path = format!("/clients/{id}");
    let before = client_reads(&sim, id);
    let (a, b) = tokio::join!(common::page(&app, &path), common::page(&app, &path));
    assert_eq!((a.0, b.0), (200, 200));
    assert_eq!(a.1, b.1, "the same page");
    assert_eq!(
        sent_since(before, client_reads(&sim, id)),
        [1, 1, 1, 1],
        "the second view waited for the first's reads"
    );
}
