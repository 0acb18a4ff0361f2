//! Bulk actions as jobs, through the real binary against the simulator on loopback: a job started from
//! the bulk page's plain form runs within HaloPSA's budget, shows its progress, can be cancelled, resumed
//! and undone, survives a restart as "interrupted", and sends exactly one field per record (asserted on the
//! simulator's recorded bodies).

mod common;

use common::{get_fn, page, post_plain_form, server_fn_post, Target};
use halo_sim::Entity;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Job `id` as `get_job` answers.
async fn job<T: Target>(to: &T, id: &str) -> Value {
    let (status, v) = get_fn(to, "get_job", &[("id", id)]).await;
    assert_eq!(status, 200, "{v}");
    v
}

/// How many of the job's records are in `state`.
fn count(v: &Value, state: &str) -> usize {
    let items = v["job"]["items"].as_array().expect("items");
    items.iter().filter(|i| i["state"] == state).count()
}

/// Polls job `id` until `done` holds (at most `secs` seconds).
async fn until<T: Target>(to: &T, id: &str, secs: u64, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let v = job(to, id).await;
        if done(&v) {
            return v;
        }
        assert!(Instant::now() < deadline, "job {id} never got there: {v}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn stopped(v: &Value) -> bool {
    v["running"] == false
}

/// The bodies of the `POST /api/Client` writes that reached the simulator, parsed.
fn client_posts(sim: &halo_sim::RunningSim) -> Vec<Value> {
    sim.sim
        .writes()
        .into_iter()
        .filter(|w| w.method == "POST" && w.path.eq_ignore_ascii_case("/api/Client"))
        .map(|w| w.json())
        .collect()
}

/// `n` active clients' ids.
fn active_clients(sim: &halo_sim::RunningSim, n: usize) -> Vec<i64> {
    let ids: Vec<i64> = sim
        .sim
        .ids(Entity::Client)
        .into_iter()
        .filter(|id| sim.sim.record(Entity::Client, *id).unwrap()["inactive"] != json!(true))
        .take(n)
        .collect();
    assert_eq!(ids.len(), n, "the demo data has {n} active clients");
    ids
}

fn joined(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Starts `action` on `ids` as the bulk page's form does without JavaScript; the job's id.
async fn start_plain(app: &common::Haloscope, ids: &str, action: &str) -> String {
    let referer = format!("/bulk?list=clients&query=&ids={ids}");
    let form = [
        ("list", "clients"),
        ("query", ""),
        ("ids", ids),
        ("action", action),
    ];
    let (status, location) = post_plain_form(app, "start_job", &referer, &form).await;
    assert_eq!(status, 302);
    let location = location.expect("to the job's page");
    let id = location.strip_prefix("/jobs/").expect("a job page");
    id.to_owned()
}

/// Every body is `[{"id": <one of ids>, "inactive": <value>}]`, one per id.
fn exactly_one_field_each(bodies: &[Value], ids: &[i64], value: bool) {
    assert!(!bodies.is_empty());
    let mut seen: Vec<i64> = Vec::new();
    for b in bodies {
        let id = b[0]["id"].as_i64().expect("an id");
        assert_eq!(b, &json!([{"id": id, "inactive": value}]), "only the field");
        seen.push(id);
    }
    seen.sort_unstable();
    let mut want = ids.to_vec();
    want.sort_unstable();
    assert_eq!(seen, want, "each record once, and no other");
}

#[tokio::test]
async fn a_bulk_deactivate_of_150_clients_is_cancelled_resumed_and_undone() {
    // 3000 requests per 5 minutes: the background class gets half the burst, then about 9 calls a second,
    // so 150 records (a read and a write each) take tens of seconds
    let (sim, app) = common::start_with(Default::default(), &[("HALO_RATE_LIMIT", "3000")]).await;
    let ids = active_clients(&sim, 150);
    let ids_s = joined(&ids);
    let (status, html) = page(&app, &format!("/bulk?list=clients&query=&ids={ids_s}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("150 clients selected."), "{html}");
    assert!(html.contains("Type 150 to confirm deleting 150 clients"));

    let id = start_plain(&app, &ids_s, "deactivate").await;
    let running = until(&app, &id, 30, |v| count(v, "done") >= 5).await;
    assert_eq!(running["running"], true, "{running}");
    let (_, html) = page(&app, &format!("/jobs/{id}")).await;
    assert!(html.contains("Deactivate 150 clients"), "{html}");
    assert!(
        html.contains("http-equiv=\"refresh\""),
        "the page refreshes itself while it runs"
    );
    assert!(html.contains("<progress"), "{html}");
    // one running job per person
    let second = [
        ("list", "clients"),
        ("query", ""),
        ("ids", "1"),
        ("action", "activate"),
    ];
    let (status, refused, _) = server_fn_post(&app, "start_job", &second).await;
    assert_eq!(status, 409, "{refused}");

    let (status, _, _) =
        server_fn_post(&app, "steer_job", &[("id", &id), ("what", "cancel")]).await;
    assert_eq!(status, 200);
    let cancelled = until(&app, &id, 30, stopped).await;
    assert_eq!(cancelled["job"]["state"], "cancelled", "{cancelled}");
    let (done, left) = (count(&cancelled, "done"), count(&cancelled, "pending"));
    assert!(
        done >= 5 && left > 0 && done + left == 150,
        "{done} done, {left} left"
    );
    let sent = client_posts(&sim).len();
    assert_eq!(sent, done, "one write per record reached");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        client_posts(&sim).len(),
        sent,
        "nothing is sent after a cancel"
    );

    let (status, _, _) =
        server_fn_post(&app, "steer_job", &[("id", &id), ("what", "resume")]).await;
    assert_eq!(status, 200);
    let finished = until(&app, &id, 120, stopped).await;
    assert_eq!(finished["job"]["state"], "finished", "{finished}");
    assert_eq!(count(&finished, "done"), 150);
    exactly_one_field_each(&client_posts(&sim), &ids, true);
    for i in &ids {
        assert_eq!(
            sim.sim.record(Entity::Client, *i).unwrap()["inactive"],
            json!(true)
        );
    }
    let lines: Vec<Value> = common::audit_of(&app, "update");
    assert_eq!(lines.len(), 150, "one audit line per record changed");
    assert!(lines
        .iter()
        .all(|l| l["fields"] == json!(["inactive"]) && l["result"] == "ok"));

    let before_undo = client_posts(&sim).len();
    let (status, _, to) = server_fn_post(&app, "steer_job", &[("id", &id), ("what", "undo")]).await;
    assert_eq!(status, 200);
    let undo = to
        .expect("to the undo job")
        .trim_start_matches("/jobs/")
        .to_owned();
    assert_ne!(undo, id);
    let undone = until(&app, &undo, 120, stopped).await;
    assert_eq!(undone["job"]["state"], "finished", "{undone}");
    assert_eq!(count(&undone, "done"), 150);
    exactly_one_field_each(&client_posts(&sim)[before_undo..], &ids, false);
    for i in &ids {
        assert_eq!(
            sim.sim.record(Entity::Client, *i).unwrap()["inactive"],
            json!(false)
        );
    }
}

#[tokio::test]
async fn a_rate_limit_pauses_a_job_a_refused_record_is_reported_and_undo_skips_changed_records() {
    // the read cache on: the bulk page's read of the list is kept, so the faults below meet the job's
    // own calls (which are always fresh)
    let (sim, app) = common::start_with(Default::default(), &[("HALOSCOPE_CACHE_TTL", "60")]).await;
    let ids = active_clients(&sim, 5);
    let (status, _) = page(
        &app,
        &format!("/bulk?list=clients&query=&ids={}", joined(&ids)),
    )
    .await;
    assert_eq!(status, 200);
    sim.sim.faults().set(halo_sim::FaultConfig {
        burst_429: 1,
        reject_next_write: Some(json!({"[0].inactive": ["This client cannot be deactivated."]})),
        ..Default::default()
    });
    let id = start_plain(&app, &joined(&ids), "deactivate").await;
    let v = until(&app, &id, 30, stopped).await;
    assert_eq!(v["job"]["state"], "finished", "{v}");
    assert_eq!((count(&v, "done"), count(&v, "failed")), (4, 1), "{v}");
    assert_eq!(
        sim.sim.faults().get().burst_429,
        0,
        "the job met the 429 and went on"
    );
    let failed = v["job"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["state"] == "failed")
        .expect("the refused record");
    let reason = failed["reason"].as_str().unwrap();
    assert!(
        reason.contains("cannot be deactivated"),
        "HaloPSA's reason: {reason}"
    );
    let (_, html) = page(&app, &format!("/jobs/{id}")).await;
    assert!(
        html.contains("cannot be deactivated"),
        "the result table: {html}"
    );
    assert!(
        !html.contains("http-equiv=\"refresh\""),
        "a finished job stays still"
    );

    // a colleague reactivates one of the changed records in HaloPSA: the undo leaves it alone
    let changed: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|i| sim.sim.record(Entity::Client, *i).unwrap()["inactive"] == json!(true))
        .collect();
    assert_eq!(changed.len(), 4);
    sim.sim
        .plant(Entity::Client, changed[0], "inactive", json!(false));
    let before = client_posts(&sim).len();
    let (status, _, to) = server_fn_post(&app, "steer_job", &[("id", &id), ("what", "undo")]).await;
    assert_eq!(status, 200);
    let undo = to.unwrap().trim_start_matches("/jobs/").to_owned();
    let v = until(&app, &undo, 30, stopped).await;
    assert_eq!((count(&v, "done"), count(&v, "skipped")), (3, 1), "{v}");
    exactly_one_field_each(&client_posts(&sim)[before..], &changed[1..], false);
}

#[tokio::test]
async fn a_job_cut_by_a_restart_is_interrupted_and_resumes() {
    // about one record a second once the burst is spent
    let (sim, app) = common::start_with(Default::default(), &[("HALO_RATE_LIMIT", "300")]).await;
    let ids = active_clients(&sim, 40);
    let id = start_plain(&app, &joined(&ids), "deactivate").await;
    until(&app, &id, 60, |v| count(v, "done") >= 3).await;
    let keep = common::temp_data_dir("bulk-restart");
    common::copy_dir(&app.data_dir, &keep);
    let client = app.client.clone();
    drop(app);
    let again = common::launch(&sim, keep, &[("HALO_RATE_LIMIT", "0")], None).await;
    let again = again.with_client(&client);
    let v = job(&again, &id).await;
    assert_eq!(v["running"], false, "{v}");
    let left = count(&v, "pending");
    assert!(left > 0, "{v}");
    let (_, html) = page(&again, &format!("/jobs/{id}")).await;
    assert!(html.contains("Interrupted:"), "{html}");
    assert!(html.contains(&format!("Resume the {left} left")), "{html}");
    let (status, _, _) =
        server_fn_post(&again, "steer_job", &[("id", &id), ("what", "resume")]).await;
    assert_eq!(status, 200);
    let v = until(&again, &id, 60, stopped).await;
    assert_eq!(v["job"]["state"], "finished", "{v}");
    assert_eq!(count(&v, "pending"), 0);
    for i in &ids {
        assert_eq!(
            sim.sim.record(Entity::Client, *i).unwrap()["inactive"],
            json!(true)
        );
    }
}

#[tokio::test]
async fn bad_selections_and_actions_are_refused_with_their_reason() {
    let (_sim, app) = common::start().await;
    let cases = [
        (
            "/bulk?list=clients&query=&ids=",
            400,
            "No clients were selected",
        ),
        (
            "/bulk?list=clients&query=&ids=abc",
            400,
            "is not a record id",
        ),
        ("/bulk?list=nope&query=&ids=1", 404, "was not found"),
        ("/bulk?list=clients&query=sort%3Dbogus&ids=1", 400, "bogus"),
    ];
    for (path, want, words) in cases {
        let (status, html) = page(&app, path).await;
        assert_eq!(status, want, "{path}");
        assert!(html.contains(words), "{path}: {html}");
    }
    let start = |action: &'static str, extra: Vec<(&'static str, &'static str)>| {
        let mut form = vec![
            ("list", "clients"),
            ("query", ""),
            ("ids", "1,2"),
            ("action", action),
        ];
        form.extend(extra);
        form
    };
    let (status, v, _) = server_fn_post(&app, "start_job", &start("explode", vec![])).await;
    assert_eq!(status, 400, "{v}");
    let (status, v, _) = server_fn_post(
        &app,
        "start_job",
        &start("set", vec![("field", "name"), ("value", "x")]),
    )
    .await;
    assert_eq!(status, 400, "{v}");
    let (status, v, _) = server_fn_post(
        &app,
        "start_job",
        &start("set", vec![("field", "toplevel_id"), ("value", "999999")]),
    )
    .await;
    assert_eq!(status, 400, "{v}");
    let many = (1..=11)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let form = [
        ("list", "clients"),
        ("query", ""),
        ("ids", many.as_str()),
        ("action", "delete"),
        ("confirm", "10"),
    ];
    let (status, v, _) = server_fn_post(&app, "start_job", &form).await;
    assert_eq!(status, 400, "{v}");
    assert!(v.to_string().contains("type 11"), "{v}");
    let (status, _) = get_fn(&app, "get_job", &[("id", "999")]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn all_matching_fixes_the_filter_s_records_when_the_job_starts() {
    let (sim, app) = common::start().await;
    let ids = active_clients(&sim, 3);
    for (n, id) in ids.iter().enumerate() {
        assert!(sim.sim.plant(
            Entity::Client,
            *id,
            "name",
            json!(format!("Quartzfield {n}"))
        ));
    }
    let (status, html) = page(&app, "/bulk?list=clients&query=q%3DQuartzfield&all=true").await;
    assert_eq!(status, 200);
    assert!(html.contains("All 3 clients matching the list"), "{html}");
    assert!(
        html.contains("/export/clients.csv?q=Quartzfield"),
        "the filter's export: {html}"
    );
    let form = [
        ("list", "clients"),
        ("query", "q=Quartzfield"),
        ("ids", "all"),
        ("action", "deactivate"),
    ];
    let (status, location) = post_plain_form(&app, "start_job", "/bulk", &form).await;
    assert_eq!(status, 302);
    let id = location.unwrap().trim_start_matches("/jobs/").to_owned();
    let v = until(&app, &id, 30, stopped).await;
    assert_eq!(count(&v, "done"), 3, "{v}");
    exactly_one_field_each(&client_posts(&sim), &ids, true);
    let nothing = [
        ("list", "clients"),
        ("query", "q=zzqqxxnothing"),
        ("ids", "all"),
        ("action", "deactivate"),
    ];
    let (status, v, _) = server_fn_post(&app, "start_job", &nothing).await;
    assert_eq!(status, 400, "{v}");
    assert!(
        v.to_string().contains("No clients match this filter"),
        "{v}"
    );
}

#[tokio::test]
async fn the_export_of_ticked_rows_holds_those_records_only() {
    let (sim, app) = common::start().await;
    let (_, first) = common::list(&app, "clients", "").await;
    let ids: Vec<i64> = first["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .skip(3)
        .take(4)
        .collect();
    assert_eq!(ids.len(), 4);
    let (status, html) = page(
        &app,
        &format!("/bulk?list=clients&query=&ids={}", joined(&ids)),
    )
    .await;
    assert_eq!(status, 200);
    let only = format!("/export/clients.csv?only={}", joined(&ids));
    assert!(html.contains(&only), "{html}");
    let pages_before = sim.sim.requests_to("GET", "/api/Client");
    let res = common::get(&app, &only).await;
    assert_eq!(res.status().as_u16(), 200);
    let csv = res.text().await.unwrap();
    // the records are on the list's first page: the walk ends there instead of reading every page
    let pages = sim.sim.requests_to("GET", "/api/Client") - pages_before;
    assert!((1..=2).contains(&pages), "{pages} pages read");
    let mut got: Vec<i64> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect();
    got.sort_unstable();
    let mut want = ids.clone();
    want.sort_unstable();
    assert_eq!(got, want, "{csv}");
    let res = common::get(&app, "/export/clients.csv?only=1,x").await;
    assert_eq!(res.status().as_u16(), 400);
}

#[tokio::test]
async fn the_bulk_page_of_sites_asks_halopsa_for_no_client_choices() {
    // the site form has a client picker, but no bulk change sets a client: its choices are not read
    let (sim, app) = common::start().await;
    let (_, first) = common::list(&app, "sites", "").await;
    let ids: Vec<i64> = first["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .take(2)
        .collect();
    assert_eq!(ids.len(), 2);
    let clients = sim.sim.requests_to("GET", "/api/Client");
    let sites = sim.sim.requests_to("GET", "/api/Site");
    let (status, html) = page(
        &app,
        &format!("/bulk?list=sites&query=&ids={}", joined(&ids)),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("2 sites selected."), "{html}");
    assert!(html.contains("Set Stock location to"), "{html}");
    assert!(
        sim.sim.requests_to("GET", "/api/Site") > sites,
        "the page read the list"
    );
    assert_eq!(sim.sim.requests_to("GET", "/api/Client"), clients);
}
