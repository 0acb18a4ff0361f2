//! The report: started on first request, walked page by page, finding duplicates added through the create
//! form during the test and a new client without sites; the overview's line about it, its fix links and
//! its CSV.

use crate::common::{audit_lines, get, list, page, server_fn, server_fn_post, start};
use serde_json::Value;
use std::time::Duration;

/// Creates a client named `name` through the one create function; its id.
async fn create_client(app: &crate::common::Haloscope, name: &str) -> i64 {
    let form = [("entity", "clients"), ("fields[name]", name)];
    let (status, outcome, _) = server_fn_post(app, "create_record", &form).await;
    assert_eq!(status, 200, "{outcome}");
    outcome["saved"].as_i64().expect("the new client's id")
}

/// Asks for the report until the walk has ended (within 30 s); the report.
async fn report(app: &crate::common::Haloscope) -> Value {
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

/// Every record id of a duplicate group, ascending.
fn member_ids(group: &Value) -> Vec<i64> {
    let members = group["members"].as_array().expect("members").iter();
    let mut ids: Vec<i64> = members.map(|m| m["id"].as_i64().unwrap()).collect();
    ids.sort();
    ids
}

/// Asks for the report and waits for its walk, checking on the simulator's recorded requests that the
/// walk asked exactly one `GET` per 100 records of each list and nothing else; the report.
async fn walk_counting_requests(
    sim: &halo_sim::RunningSim,
    app: &crate::common::Haloscope,
) -> Value {
    let lists = [
        (halo_sim::Entity::Client, "/api/Client"),
        (halo_sim::Entity::Site, "/api/Site"),
        (halo_sim::Entity::Supplier, "/api/Supplier"),
    ];
    let before = sim.sim.request_count();
    let before_each = lists.map(|(_, path)| sim.sim.requests_to("GET", path));
    let report = report(app).await;
    let pages = |e| sim.sim.count(e).div_ceil(100) as u64;
    for ((entity, path), before) in lists.iter().zip(before_each) {
        let records = sim.sim.count(*entity);
        let asked = sim.sim.requests_to("GET", path) - before;
        assert_eq!(
            asked,
            pages(*entity),
            "{path}: one request per 100 of its {records} records"
        );
    }
    assert_eq!(
        pages(halo_sim::Entity::Client),
        21,
        "2,003 clients: 21 pages"
    );
    let floor: u64 = lists.iter().map(|(e, _)| pages(*e)).sum();
    assert_eq!(
        sim.sim.request_count() - before,
        floor,
        "nothing but the three lists' pages"
    );
    report
}

/// The simulator's own groups, as `halo-sim/src/data/mod.rs` documents them (besides `ours` client groups).
fn assert_demo_groups(groups: &[Value], ours: usize) {
    let of_kind = |kind: &str| groups.iter().filter(|g| g["kind"] == kind).count();
    assert_eq!(
        of_kind("clients"),
        53 + ours,
        "the demo data's 53 client groups and ours"
    );
    assert_eq!(of_kind("suppliers"), 2, "the demo data's 2 company groups");
    assert_eq!(
        of_kind("sites"),
        238,
        "the demo data's 238 groups of sites within one client"
    );
    let harbour: Vec<Vec<i64>> = groups
        .iter()
        .filter(|g| {
            g["members"][0]["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Harbour Marketing"))
        })
        .map(member_ids)
        .collect();
    assert_eq!(
        harbour,
        [[336, 951]],
        "Harbour Marketing = Harbour Marketing Limited"
    );
}

/// The group holding `a` links to the clients list searched so that it shows both `a` and `b`.
async fn assert_link_lists_both(app: &crate::common::Haloscope, groups: &[Value], a: i64, b: i64) {
    let ours = groups.iter().find(|g| member_ids(g).contains(&a));
    let href = ours.expect("our group")["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        href.to_lowercase(),
        "/clients?q=zyzzyva+widgets&status=all",
        "searched for the words both names share, as one of them writes them"
    );
    let (status, listed) = list(app, "clients", href.split_once('?').unwrap().1).await;
    assert_eq!(status, 200, "{listed}");
    let rows = listed["rows"].as_array().unwrap().iter();
    let ids: Vec<i64> = rows.map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(
        ids.contains(&a) && ids.contains(&b),
        "{href} lists {a} and {b}: {ids:?}"
    );
}

/// HaloPSA gives a new client a first site ("Main", no address): each of `new_sites` is listed as
/// incomplete, and client `lonely`, whose site was deleted, has no sites at all (fixed among its sites).
fn assert_incomplete(report: &Value, new_sites: &[i64], lonely: i64) {
    let incomplete = report["incomplete"].as_array().unwrap();
    let problems: Vec<(String, i64, String)> = incomplete
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_string();
            (text("kind"), f["id"].as_i64().unwrap(), text("problem"))
        })
        .collect();
    assert!(!new_sites.is_empty());
    for site in new_sites {
        let expected = (
            "sites".to_string(),
            *site,
            "has no delivery address".to_string(),
        );
        assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
    }
    let expected = ("clients".to_string(), lonely, "has no sites".to_string());
    assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
    let finding = incomplete.iter().find(|f| f["id"] == lonely);
    assert_eq!(
        finding.expect("the client without sites")["href"],
        format!("/sites?status=all&client_id={lonely}"),
        "its fix is among its sites (where a site is added for it)"
    );
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
    let new_sites = [site_of(a), site_of(b)].concat();
    for site in site_of(c) {
        let form = [("entity", "sites"), ("id", &*site.to_string())];
        let (status, outcome, _) = server_fn_post(&app, "delete_record", &form).await;
        assert_eq!(status, 200, "{outcome}");
    }
    assert!(site_of(c).is_empty(), "client {c} has no sites left");
    let report = walk_counting_requests(&sim, &app).await;
    let groups = report["duplicates"].as_array().expect("duplicate groups");
    assert_demo_groups(groups, 1);
    let ours: Vec<Vec<i64>> = groups
        .iter()
        .map(member_ids)
        .filter(|ids| ids.contains(&a) || ids.contains(&b) || ids.contains(&c))
        .collect();
    assert_eq!(
        ours,
        vec![vec![a, b]],
        "Ltd = Limited; Inc is another registration"
    );
    assert_link_lists_both(&app, groups, a, b).await;
    assert_incomplete(&report, &new_sites, c);
    // the page shows the same, and a second visit does not walk again
    let before = sim.sim.request_count();
    let (status, html) = page(&app, "/data-health?show=all").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("ZYZZYVA WIDGETS LIMITED"),
        "the group is listed"
    );
    let listed = |html: &str| html.matches(r#"class="duplicate-group""#).count();
    let every = report["duplicates"].as_array().expect("groups").len();
    assert!(every > 60, "the demo data has many groups: {every}");
    assert_eq!(listed(&html), every, "?show=all lists every group");
    let (_, first) = page(&app, "/data-health").await;
    assert_eq!(listed(&first), 60, "the page lists the first 60");
    assert!(first.contains(&format!("{} more groups are not listed here.", every - 60)));
    assert!(
        html.contains(&format!("/clients/{a}")),
        "its members link to their pages"
    );
    assert_eq!(sim.sim.request_count(), before, "the report is kept");
}

/// `/data-health.csv` holds one row per record of every finding of `report`, audited; clients `a` and `b`
/// (one named like a formula) are one group, linked to their list.
async fn assert_csv(app: &crate::common::Haloscope, report: &Value, a: i64, b: i64) {
    let groups = report["duplicates"].as_array().unwrap();
    let incomplete = report["incomplete"].as_array().unwrap();
    let res = get(app, "/data-health.csv").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let text = res.text().await.unwrap();
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        ["finding", "group", "entity", "id", "name", "facts", "fix at"]
    );
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    let members: usize = groups
        .iter()
        .map(|g| g["members"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        rows.len(),
        members + incomplete.len(),
        "one row per record of every finding"
    );
    let ours: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[3] == a.to_string() || r[3] == b.to_string())
        .filter(|r| &r[0] == "possible duplicate")
        .collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert_eq!(ours[0][1], ours[1][1], "one group");
    assert_eq!(&ours[0][2], "client");
    assert_eq!(&ours[0][6], "/clients?q=Quuxbridge+Holdings&status=all");
    let names: Vec<&str> = ours.iter().map(|r| &r[4]).collect();
    assert!(
        names.contains(&"'=Quuxbridge Holdings Ltd"),
        "formulas defused: {names:?}"
    );
    assert!(rows
        .iter()
        .any(|r| &r[0] == "incomplete" && &r[1] == "has no delivery address"));
    let exported = audit_lines(app);
    let line = exported
        .iter()
        .find(|l| l["action"] == "export" && l["list"] == "data-health.csv");
    assert_eq!(
        line.expect("the export is audited")["rows"],
        rows.len() as u64
    );
}

#[tokio::test]
async fn the_overview_counts_the_report_without_walking_and_the_csv_holds_every_finding() {
    let (sim, app) = start().await;
    // before any walk: the overview says so and starts none; there is nothing to export
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Data health: not checked yet"), "{html}");
    let res = get(&app, "/data-health.csv").await;
    assert_eq!(res.status().as_u16(), 404, "no report yet");
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("No data health report yet"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let site_pages = sim.sim.requests_to("GET", "/api/Site");
    let (status, glance) = server_fn(&app, "glance_data_health", "", "").await;
    assert_eq!(
        (status, glance),
        (200, Value::from("NotChecked")),
        "the overview started no walk"
    );
    assert_eq!(
        sim.sim.requests_to("GET", "/api/Site"),
        site_pages,
        "no list walked"
    );

    let a = create_client(&app, "=Quuxbridge Holdings Ltd").await;
    let b = create_client(&app, "Quuxbridge Holdings Limited").await;
    let report = report(&app).await;
    let groups = report["duplicates"].as_array().unwrap();
    let incomplete = report["incomplete"].as_array().unwrap();
    assert!(!groups.is_empty() && !incomplete.is_empty());
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, 200);
    let line = format!(
        "Data health: {} possible duplicate groups, {} incomplete records",
        groups.len(),
        incomplete.len()
    );
    assert!(html.contains(&line), "{line} in the overview");

    assert_csv(&app, &report, a, b).await;
}

/// The walk's time under the default budget (`HALO_RATE_LIMIT=300`: the background class gets at most 150
/// requests per 5 minutes), for `docs/PERFORMANCE.md`. Minutes long, so run by hand:
/// `cargo test -p server --test data_health -- --ignored --nocapture walk_time`.
#[tokio::test]
#[ignore = "takes minutes: run by hand to measure the walk for docs/PERFORMANCE.md"]
async fn walk_time_under_the_default_budget() {
    let (sim, app) = crate::common::start_with(
        halo_sim::SimConfig::default(),
        &[("HALO_RATE_LIMIT", "300")],
    )
    .await;
    let before = sim.sim.request_count();
    let started = std::time::Instant::now();
    let mut report_seen = None;
    for _ in 0..6000 {
        let (status, view) = server_fn(&app, "get_data_health", "", "").await;
        assert_eq!(status, 200, "{view}");
        if let Some(ready) = view.get("Ready") {
            report_seen = Some(ready.clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took = started.elapsed();
    let report = report_seen.expect("the walk ends within 10 minutes");
    eprintln!(
        "walk: {} upstream requests in {took:?} for {:?} records",
        sim.sim.request_count() - before,
        report["counts"]
    );
}

/// "Compare details" for one group: one detail call per record of the group (nothing else), the phone two
/// of them share marked, the third's not; bad links are a 400, a missing record a 404; the report links to
/// it for every group.
#[tokio::test]
async fn compare_details_reads_only_the_groups_records_and_marks_what_they_share() {
    use halo_sim::Entity::Client;
    let (sim, app) = start().await;
    let ids = sim.sim.ids(Client);
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    for (id, phone) in [
        (a, "020 7946 0958"),
        (b, "+44 20 7946 0958"),
        (c, "0161 496 0000"),
    ] {
        assert!(sim
            .sim
            .plant(Client, id, "main_phonenumber", Value::from(phone)));
    }
    let details = || [a, b, c].map(|id| sim.sim.requests_to("GET", &format!("/api/Client/{id}")));
    let (before, lists_before) = (details(), sim.sim.requests_to("GET", "/api/Client"));
    let (status, html) = page(
        &app,
        &format!("/data-health/compare?kind=clients&ids={a},{b},{c}"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let after = details();
    assert_eq!(
        [
            after[0] - before[0],
            after[1] - before[1],
            after[2] - before[2]
        ],
        [1, 1, 1]
    );
    assert_eq!(
        sim.sim.requests_to("GET", "/api/Client"),
        lists_before,
        "no list is read"
    );
    assert!(html.contains(r#"data-testid="compare-table""#));
    assert!(html.contains("+44 20 7946 0958") && html.contains("0161 496 0000"));
    assert_eq!(
        html.matches(r#"data-testid="shared""#).count(),
        2,
        "a and b share their phone"
    );
    assert!(html.contains("likely the same client"), "{html}");

    for bad in [
        "kind=clients&ids=4",
        "kind=clients&ids=4,x",
        "kind=planets&ids=1,2",
    ] {
        let (status, _) = page(&app, &format!("/data-health/compare?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
    }
    let (status, _) = page(
        &app,
        &format!("/data-health/compare?kind=clients&ids={a},99999999"),
    )
    .await;
    assert_eq!(status, 404);

    report(&app).await;
    let (status, html) = page(&app, "/data-health").await;
    assert_eq!(status, 200);
    let groups = html.matches(r#"class="duplicate-group""#).count();
    assert!(groups > 0, "the demo data has duplicate groups");
    assert_eq!(
        html.matches(r#"data-testid="compare-link""#).count(),
        groups
    );
    assert!(html.contains("/data-health/compare?kind=clients&amp;ids="));
}
