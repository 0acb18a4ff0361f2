//! The data health report through the real binary against the simulator: started on first request, walked
//! page by page (exactly the 100-row page floor of each list), finding duplicates added through the create
//! form during the test and a new client without sites.

mod common;

use common::{page, server_fn, server_fn_post, start};
use serde_json::Value;
use std::time::Duration;

/// Creates a client named `name` through the one create function; its id.
async fn create_client(app: &common::Haloscope, name: &str) -> i64 {
    let form = [("entity", "clients"), ("fields[name]", name)];
    let (status, outcome, _) = server_fn_post(app, "create_record", &form).await;
    assert_eq!(status, 200, "{outcome}");
    outcome["saved"].as_i64().expect("the new client's id")
}

/// Asks for the report until the walk has ended (within 30 s); the report.
async fn report(app: &common::Haloscope) -> Value {
    for _ in 0..300 {
        let (status, view) = server_fn(app, "get_data_health", "", "").await;
        assert_eq!(status, 200, "{view}");
        if let Some(ready) = view.get("Ready") {
            return ready.clone();
        }
        assert!(view.get("Walking").is_some(), "walking or ready: {view}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the walk did not end in 30 s");
}

#[tokio::test]
async fn the_report_finds_duplicates_and_clients_without_sites_in_one_paced_walk() {
    let (sim, app) = start().await;
    let a = create_client(&app, "Zyzzyva Widgets Ltd").await;
    let b = create_client(&app, "ZYZZYVA WIDGETS LIMITED").await;
    let c = create_client(&app, "Zyzzyva Widgets Inc").await;
    let site_of = |client: i64| {
        let ids = sim.sim.ids(halo_sim::Entity::Site).into_iter();
        let records = ids.filter_map(|id| sim.sim.record(halo_sim::Entity::Site, id));
        let theirs = records.filter(|r| r["client_id"].as_f64() == Some(client as f64));
        theirs.filter_map(|r| r["id"].as_i64()).collect::<Vec<_>>()
    };
    let mut new_sites = [site_of(a), site_of(b)].concat();
    new_sites.sort();
    for site in site_of(c) {
        let form = [("entity", "sites"), ("id", &*site.to_string())];
        let (status, outcome, _) = server_fn_post(&app, "delete_record", &form).await;
        assert_eq!(status, 200, "{outcome}");
    }
    assert!(site_of(c).is_empty(), "client {c} has no sites left");
    let before = sim.sim.request_count();
    let report = report(&app).await;
    let pages = |e| sim.sim.count(e).div_ceil(100) as u64;
    let floor = pages(halo_sim::Entity::Client)
        + pages(halo_sim::Entity::Site)
        + pages(halo_sim::Entity::Supplier);
    assert_eq!(
        sim.sim.request_count() - before,
        floor,
        "one request per 100 records of each list"
    );
    let groups = report["duplicates"].as_array().expect("duplicate groups");
    let ours: Vec<Vec<i64>> = groups
        .iter()
        .map(|g| {
            let members = g["members"].as_array().unwrap().iter();
            let mut ids: Vec<i64> = members.map(|m| m["id"].as_i64().unwrap()).collect();
            ids.sort();
            ids
        })
        .filter(|ids: &Vec<i64>| ids.contains(&a) || ids.contains(&b) || ids.contains(&c))
        .collect();
    assert_eq!(
        ours,
        vec![vec![a, b]],
        "Ltd = Limited; Inc is another registration"
    );
    // HaloPSA gives a new client a first site ("Main", no address): each is listed as incomplete, and the
    // client whose site was deleted has no sites at all
    let problems: Vec<(String, i64, String)> = report["incomplete"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let kind = f["kind"].as_str().unwrap().to_string();
            (
                kind,
                f["id"].as_i64().unwrap(),
                f["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(!new_sites.is_empty());
    for site in &new_sites {
        let expected = (
            "sites".to_string(),
            *site,
            "has no delivery address".to_string(),
        );
        assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
    }
    let lonely = ("clients".to_string(), c, "has no sites".to_string());
    assert!(problems.contains(&lonely), "{lonely:?} in {problems:?}");
    // the page shows the same, and a second visit does not walk again
    let before = sim.sim.request_count();
    let (status, html) = page(&app, "/data-health").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("ZYZZYVA WIDGETS LIMITED"),
        "the group is listed"
    );
    assert!(
        html.contains(&format!("/clients/{a}")),
        "its members link to their pages"
    );
    assert_eq!(sim.sim.request_count(), before, "the report is kept");
}
