//! CSV exports against the real binary: every cell that a spreadsheet could run as a formula is defused
//! (read back with the `csv` crate), exports are audited, one runs per person, and while two people's
//! exports walk a small HaloPSA budget (`HALO_RATE_LIMIT=30`) page views still answer at once.

mod common;

use common::{cookie_client, sign_in, Haloscope, TEST_PASSWORD, TEST_USER};
use std::time::{Duration, Instant};

/// Names a spreadsheet would run as formulas, each with the word the export filters on.
const DANGEROUS: &[&str] = &[
    "=HYPERLINK(\"http://evil.example\",\"Formula\")",
    "  =1+1 Formula",
    "+Formula",
    "-Formula",
    "@SUM(1) Formula",
    "\tFormula tab",
    "\rFormula cr",
    " \t Formula space then tab",
];

/// Creates clients named `names` in the simulator with the app's credentials.
async fn create_clients(sim: &halo_sim::RunningSim, names: &[&str]) {
    let http = reqwest::Client::new();
    let token: serde_json::Value = http
        .post(format!(
            "{}/token?tenant={}",
            sim.auth_url(),
            halo_sim::DEMO_TENANT
        ))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", halo_sim::DEMO_CLIENT_ID),
            ("client_secret", halo_sim::DEMO_CLIENT_SECRET),
            ("scope", "all"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let body: Vec<_> = names
        .iter()
        .map(|n| serde_json::json!({ "name": n }))
        .collect();
    let res = http
        .post(format!("{}/Client", sim.api_url()))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201, "the clients were created");
}

/// Every cell of a CSV body, row by row (rows may differ in length: the "incomplete" line has one cell).
fn cells(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Whether a spreadsheet would read `cell` as a formula (its first character that is not a space).
fn runs_as_formula(cell: &str) -> bool {
    let first = cell
        .chars()
        .find(|c| !c.is_whitespace() || matches!(c, '\t' | '\r'));
    matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

async fn export(app: &Haloscope, path: &str) -> (u16, String) {
    let res = common::get(app, path).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn every_exported_cell_is_safe_in_a_spreadsheet_and_the_export_is_audited() {
    let (sim, app) = common::start().await;
    create_clients(&sim, DANGEROUS).await;
    let (status, body) = export(&app, "/export/clients.csv?q=Formula").await;
    assert_eq!(status, 200, "{body}");
    let rows = cells(&body);
    assert_eq!(rows.len(), 1 + DANGEROUS.len(), "{body:?}");
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    for name in DANGEROUS {
        let defused = format!("'{name}");
        assert!(names.contains(&defused.as_str()), "{name:?} in {names:?}");
    }
    let all: Vec<&String> = rows.iter().flatten().collect();
    assert!(!all.is_empty());
    assert!(
        all.iter().all(|c| !runs_as_formula(c)),
        "a cell runs as a formula: {all:?}"
    );
    let audit = common::audit_of(&app, "export");
    assert_eq!(audit.len(), 1, "{audit:?}");
    let line = &audit[0];
    assert_eq!(line["who"], TEST_USER);
    assert_eq!(line["list"], "clients.csv");
    assert_eq!(line["filter"], "q=Formula");
    assert_eq!(line["rows"], DANGEROUS.len());
    assert_eq!(line["result"], "ok");

    // a failure after the header: the "incomplete" line is one cell and safe too, and it is audited
    sim.sim.faults().set(halo_sim::FaultConfig {
        malformed_rate: 1.0,
        ..Default::default()
    });
    let (status, body) = export(&app, "/export/clients.csv?q=-Formula%2C%3D").await;
    assert_eq!(status, 200);
    let rows = cells(&body);
    let last = rows.last().unwrap();
    assert_eq!(last.len(), 1, "one cell: {last:?}");
    assert!(last[0].starts_with("# export incomplete: "), "{last:?}");
    assert!(
        rows.iter().flatten().all(|c| !runs_as_formula(c)),
        "{rows:?}"
    );
    let failed = common::audit_lines(&app)
        .into_iter()
        .filter(|l| l["action"] == "export" && l["result"] == "error")
        .count();
    assert_eq!(failed, 1);
}

#[tokio::test]
async fn page_views_answer_at_once_while_two_exports_walk_a_small_budget() {
    let sim = halo_sim::spawn(halo_sim::SimConfig {
        // HaloPSA's own limit, as small as ours: Haloscope must never be the one to break it
        rate_limit: Some(30),
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = common::temp_data_dir("budget");
    common::add_user(&dir, TEST_USER, TEST_PASSWORD);
    common::add_user(&dir, "second", "another person's password");
    let app = common::launch(&sim, dir, &[("HALO_RATE_LIMIT", "30")], None).await;
    sign_in(&app.base, &app.client, TEST_USER, TEST_PASSWORD).await;
    let other = cookie_client();
    sign_in(&app.base, &other, "second", "another person's password").await;

    // two people start an export each; the header comes at once, the rows as the budget allows
    let mut running = Vec::new();
    for client in [&app.client, &other] {
        let mut res = client
            .get(format!("{}/export/clients.csv", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
        let first = res.chunk().await.unwrap().unwrap();
        assert!(first.starts_with(b"id,name"), "{first:?}");
        running.push(res);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    // the start-up's anonymous /api/authinfo is no page
    let pages = || sim.sim.requests_to("GET", "/api/Client");
    while pages() == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(pages() >= 1, "the exports are walking pages");
    // the burst at 30 requests per 5 minutes is 3, and background work never takes the last 2: two page
    // views of one upstream call each (with the read cache off) find them free at once
    for path in ["/sites?q=a", "/organisations"] {
        let started = Instant::now();
        let before = sim.sim.request_count();
        let (status, _) = common::page(&app, path).await;
        let took = started.elapsed();
        assert_eq!(status, 200, "{path}");
        assert!(took < Duration::from_secs(3), "{path} took {took:?}");
        assert!(sim.sim.request_count() > before, "{path} asked HaloPSA");
    }
    // a second export of the same person waits for the first
    let res = common::get(&app, "/export/sites.csv").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let html = res.text().await.unwrap();
    assert!(html.contains("An export is already running"), "{html}");

    let metrics = common::get(&app, "/metrics").await.text().await.unwrap();
    let upstream: Vec<&str> = metrics
        .lines()
        .filter(|l| l.starts_with("halo_upstream_requests_total{"))
        .collect();
    assert!(!upstream.is_empty(), "{metrics}");
    for class in ["class=\"background\"", "class=\"interactive\""] {
        assert!(
            upstream.iter().any(|l| l.contains(class)),
            "{class}: {upstream:?}"
        );
    }
    assert!(
        !upstream.iter().any(|l| l.contains("status=\"429\"")),
        "HaloPSA never had to refuse Haloscope: {upstream:?}"
    );
    drop(running);
}

#[tokio::test]
async fn an_agents_export_runs_on_the_agents_own_sign_in() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    // agent mode has no app credentials at all: the export can only use the agent's token
    let app = common::agent::start_agent(&sim, common::temp_data_dir("agent-export"), None).await;
    common::agent::agent_sign_in(&app, &sim.base_url, &app.client, 5).await;
    let (status, body) = export(&app, "/export/organisations.csv").await;
    assert_eq!(status, 200, "{body}");
    let rows = cells(&body);
    assert!(rows.len() > 1, "{body}");
    let audit = common::audit_of(&app, "export");
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0]["who_kind"], "agent");
    assert_eq!(audit[0]["who"], "5");
    assert_eq!(audit[0]["rows"], rows.len() - 1);
}

/// The ids of an export, in file order (the first column), and whether it ended with the "incomplete" line.
fn exported_ids(body: &str) -> (Vec<i64>, bool) {
    let rows = cells(body);
    assert_eq!(
        rows.first().map(|h| h[0].as_str()),
        Some("id"),
        "{body:.300}"
    );
    let incomplete = rows
        .last()
        .is_some_and(|r| r[0].starts_with("# export incomplete: "));
    let data = &rows[1..rows.len() - usize::from(incomplete)];
    let ids = data
        .iter()
        .map(|r| r[0].parse().unwrap_or_else(|_| panic!("an id: {r:?}")))
        .collect();
    (ids, incomplete)
}

#[tokio::test]
async fn an_export_past_the_page_cap_holds_every_id_once_and_a_later_fault_ends_it_marked() {
    use halo_sim::{Entity, FaultConfig, SimConfig};
    let small = SimConfig {
        scale: 0.1,
        ..SimConfig::default()
    };
    let (sim, app) = common::start_with(small, &[]).await;
    let lists = [
        ("clients.csv?status=all", Entity::Client),
        ("sites.csv?status=all", Entity::Site),
        ("suppliers.csv?status=all", Entity::Supplier),
        ("organisations.csv", Entity::Organisation),
        ("services.csv", Entity::Service),
    ];
    for (path, entity) in lists {
        let (status, body) = export(&app, &format!("/export/{path}")).await;
        assert_eq!(status, 200, "{path}: {body:.300}");
        let (mut ids, incomplete) = exported_ids(&body);
        assert!(!incomplete, "{path}");
        let rows = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rows, "{path}: each id once");
        let mut want = sim.sim.ids(entity);
        want.sort_unstable();
        assert_eq!(ids, want, "{path}: the simulator's whole set");
    }
    assert!(
        sim.sim.ids(Entity::Site).len() > 300,
        "past the 100-row page cap"
    );

    // HaloPSA fails after the second page: whole pages, then the line that says the file is incomplete
    sim.sim.faults().set(FaultConfig {
        fail_after: Some(2),
        ..Default::default()
    });
    let (status, body) = export(&app, "/export/sites.csv?status=all").await;
    assert_eq!(status, 200, "the header was sent");
    let (ids, incomplete) = exported_ids(&body);
    assert!(incomplete, "{body:.300}");
    assert!(
        !ids.is_empty() && ids.len() < sim.sim.ids(Entity::Site).len(),
        "{}",
        ids.len()
    );
    assert_eq!(ids.len() % 100, 0, "whole pages only: {}", ids.len());
}
