//! Recent changes (`/activity`): the audit log's record changes as a filtered, paged table (sign-ins stay
//! out), a record's own changes on its page, the page's word when the log goes to standard output, and a
//! 200 MB log read from its end in bounded memory.

use crate::common::{
    add_user, audit_lines, get_fn, launch, page, record, section, server_fn_post, sign_in, start,
    start_with, temp_data_dir, TEST_PASSWORD, TEST_USER,
};
use serde_json::Value;
use std::io::Write;
use std::time::{Duration, Instant};

/// The server function's answer for the `/activity` query `query`.
async fn activity(app: &crate::common::Haloscope, query: &str) -> (u16, Value) {
    get_fn(app, "list_activity", &[("query", query)]).await
}

/// The listed changes of an answer (panics unless it is a list).
fn listed(answer: &Value) -> &Vec<Value> {
    answer["Listed"]["changes"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {answer}"))
}

#[tokio::test]
async fn the_activity_page_lists_changes_with_fields_and_links_but_no_sign_ins() {
    let (sim, app) = start().await;
    let form = [("entity", "clients"), ("fields[name]", "Activity Test Ltd")];
    let (status, outcome, _) = server_fn_post(&app, "create_record", &form).await;
    assert_eq!(status, 200, "{outcome}");
    let client = outcome["saved"].as_i64().expect("the new client's id");
    let site = sim.sim.ids(halo_sim::Entity::Site)[0];
    let form = [("entity", "sites"), ("id", &*site.to_string())];
    let (status, outcome, _) = server_fn_post(&app, "delete_record", &form).await;
    assert_eq!(status, 200, "{outcome}");
    let lines = audit_lines(&app);
    assert!(
        lines.iter().any(|l| l["action"] == "sign_in"),
        "the file holds the sign-in"
    );

    let (status, answer) = activity(&app, "").await;
    assert_eq!(status, 200, "{answer}");
    let changes = listed(&answer);
    let actions: Vec<&str> = changes
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "create"], "newest first, no sign-in");
    assert_eq!(changes[1]["kind"], "clients");
    assert_eq!(changes[1]["id"], client);
    assert_eq!(changes[1]["who"], TEST_USER);
    assert!(changes[1]["fields"]
        .as_array()
        .unwrap()
        .contains(&Value::from("name")));
    assert_eq!(changes[1]["ok"], true);

    // the filters narrow it; a meaningless one is a 400 with a message
    let (status, answer) = activity(&app, "entity=clients&action=create&outcome=ok").await;
    assert_eq!(status, 200);
    assert_eq!(listed(&answer).len(), 1);
    assert_eq!(listed(&answer)[0]["id"], client);
    let (status, answer) = activity(&app, "who=nobody-like-this").await;
    assert_eq!(status, 200);
    assert!(listed(&answer).is_empty());
    let (status, html) = page(&app, "/activity?outcome=maybe").await;
    assert_eq!(status, 400, "a bad filter is refused");
    assert!(
        html.contains("is not ok, error or any"),
        "the message names what is wrong"
    );

    // the page itself, rendered on the server: the record linked, the fields named, no sign-ins
    let (status, html) = page(&app, "/activity").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("href=\"/clients/{client}\"")),
        "the record is linked"
    );
    assert!(
        html.contains("Deleted") && html.contains("Created"),
        "{html}"
    );
    assert_eq!(
        html.matches("<time datetime=").count(),
        2,
        "two changes, no sign-in"
    );

    // the record's own page lists its change
    let (status, detail) = record(&app, "clients", &client.to_string()).await;
    assert_eq!(status, 200, "{detail}");
    let blocks = section(&detail, "changes");
    let own = blocks[0]["Changes"]["changes"]["Ok"]["Listed"]["changes"]
        .as_array()
        .unwrap();
    assert_eq!(own.len(), 1, "{own:?}");
    assert_eq!(own[0]["action"], "create");
    let (_, html) = page(&app, &format!("/clients/{client}")).await;
    assert!(html.contains("Recent changes in Haloscope"));
}

#[tokio::test]
async fn the_activity_page_says_so_when_the_audit_log_goes_to_standard_output() {
    let (_sim, app) = start_with(
        halo_sim::SimConfig::default(),
        &[("HALOSCOPE_AUDIT_LOG", "-")],
    )
    .await;
    let (status, html) = page(&app, "/activity").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("The audit log goes to standard output"),
        "{html}"
    );
    let (status, answer) = activity(&app, "").await;
    assert_eq!((status, answer), (200, Value::from("ToStdout")));
}

/// Resident memory of process `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("VmRSS");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Writes about `mb` MiB of audit lines to `path`: sign-ins and updates, then one known change last.
fn big_log(path: &std::path::Path, mb: usize) {
    let mut block = String::new();
    for i in 0..2_000 {
        block.push_str(&format!(
            r#"{{"ts":"2026-01-01T00:00:00.000Z","audit":true,"action":"update","who_kind":"local","who":"filler","who_name":"filler","entity":"Client","id":{i},"fields":["name","phonenumber"],"result":"ok"}}"#
        ));
        block.push('\n');
        block.push_str(r#"{"ts":"2026-01-01T00:00:00.000Z","audit":true,"action":"sign_in","who_kind":"local","who":"filler","result":"ok","ip":"127.0.0.1"}"#);
        block.push('\n');
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0;
    while written < mb * 1024 * 1024 {
        out.write_all(block.as_bytes()).unwrap();
        written += block.len();
    }
    out.write_all(br#"{"ts":"2026-01-02T00:00:00.000Z","audit":true,"action":"delete","who":"last","entity":"Site","id":7,"result":"ok"}"#).unwrap();
    out.write_all(b"\n").unwrap();
    out.flush().unwrap();
}

#[tokio::test]
async fn a_200_mb_audit_log_is_read_from_its_end_within_20_mb_of_idle_memory() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    let logs = temp_data_dir("big-audit");
    std::fs::create_dir_all(&logs).unwrap();
    let log = logs.join("audit.jsonl");
    big_log(&log, 200);
    assert!(std::fs::metadata(&log).unwrap().len() >= 200 * 1024 * 1024);
    let data_dir = temp_data_dir("activity");
    add_user(&data_dir, TEST_USER, TEST_PASSWORD);
    let env = [("HALOSCOPE_AUDIT_LOG", log.to_str().unwrap())];
    let app = launch(&sim, data_dir, &env, None).await;
    sign_in(&app.base, &app.client, TEST_USER, TEST_PASSWORD).await;
    // idle: signed in, the page type rendered once (its code paged in)
    let (status, html) = page(&app, "/activity").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("/sites/7"),
        "the newest change is the last line"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let idle = rss_kib(app.pid());

    // a filter nothing matches reads the whole file; a far page reads most of it
    let started = Instant::now();
    let (status, answer) = activity(&app, "who=nobody-matches").await;
    assert_eq!(status, 200, "{answer}");
    assert!(listed(&answer).is_empty());
    let (status, html) = page(&app, "/activity?who=filler&page=2000").await;
    assert_eq!(status, 200);
    assert!(html.contains("page 2000"));
    let took = started.elapsed();
    let after = rss_kib(app.pid());
    eprintln!("idle {idle} KiB, after {after} KiB, two reads of 200 MB in {took:?}");
    assert!(
        after.saturating_sub(idle) < 20 * 1024,
        "RSS grew from {idle} KiB to {after} KiB reading a 200 MB log"
    );
    drop(app);
    std::fs::remove_dir_all(&logs).unwrap();
}
