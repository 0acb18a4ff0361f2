//! Upstream faults injected in the simulator: each answers with the right status and a plain-words message,
//! within the request budget, and the app recovers when the fault clears.

mod common;

use common::{start, Target};
use halo_sim::FaultConfig;
use std::time::{Duration, Instant};

async fn list<T: Target + ?Sized>(to: &T) -> (u16, String, Duration) {
    let started = Instant::now();
    let (status, body) = common::list(to, "clients", "").await;
    (status, body.to_string(), started.elapsed())
}

#[tokio::test]
async fn server_errors_html_and_malformed_bodies_are_502_and_recover() {
    let (sim, app) = start().await;
    assert_eq!(list(&app).await.0, 200);
    for faults in [
        FaultConfig {
            error_rate: 1.0,
            ..Default::default()
        },
        FaultConfig {
            html_rate: 1.0,
            ..Default::default()
        },
        FaultConfig {
            malformed_rate: 1.0,
            ..Default::default()
        },
    ] {
        sim.sim.faults().set(faults.clone());
        let (status, body, took) = list(&app).await;
        assert_eq!(status, 502, "{faults:?}: {body}");
        assert!(body.contains("HaloPSA"), "{body}");
        assert!(took < Duration::from_secs(11), "{faults:?} took {took:?}");
        sim.sim.faults().clear();
        assert_eq!(list(&app).await.0, 200, "recovers after {faults:?}");
    }
}

#[tokio::test]
async fn a_stalled_upstream_is_504_within_the_budget() {
    let (sim, app) = start().await;
    assert_eq!(list(&app).await.0, 200);
    sim.sim.faults().set(FaultConfig {
        stall_rate: 1.0,
        stall_ms: 30_000,
        ..Default::default()
    });
    let (status, body, took) = list(&app).await;
    assert_eq!(status, 504, "{body}");
    assert!(took < Duration::from_secs(12), "took {took:?}");
}

#[tokio::test]
async fn rate_limiting_is_503_with_a_retry_time_and_no_storm() {
    let (sim, app) = start().await;
    assert_eq!(list(&app).await.0, 200);
    sim.sim.faults().burst_429(1000);
    let before = sim.sim.request_count();
    let (status, body, took) = list(&app).await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("HaloPSA is rate-limiting Haloscope; retrying in"),
        "{body}"
    );
    assert!(took < Duration::from_secs(11), "took {took:?}");
    // the list's read and one retry, and the status counts' two one-row reads that left beside the
    // list's first read (they give way to the 429 and are not retried)
    let calls = sim.sim.request_count() - before;
    assert!(
        calls <= 4,
        "{calls} upstream calls for the page that met the 429"
    );
    // while paused, further page views do not call HaloPSA at all, counts included
    let (status, _, _) = list(&app).await;
    assert_eq!(status, 503);
    let more = sim.sim.request_count() - before - calls;
    assert_eq!(more, 0, "upstream calls while HaloPSA asks to back off");
}

#[tokio::test]
async fn expired_and_revoked_app_tokens_are_renewed_transparently() {
    let (sim, app) = start().await;
    assert_eq!(list(&app).await.0, 200);
    sim.sim.faults().expire_tokens();
    assert_eq!(list(&app).await.0, 200, "after expiry");
    sim.sim.faults().revoke_tokens();
    assert_eq!(list(&app).await.0, 200, "after revocation");
}

#[tokio::test]
async fn an_unreachable_upstream_is_503_and_readyz_says_so() {
    let port = common::free_port();
    let data_dir = common::temp_data_dir("unreachable");
    common::add_user(&data_dir, common::TEST_USER, common::TEST_PASSWORD);
    let unreachable = format!("http://127.0.0.1:{port}");
    let app = common::spawn_app(
        data_dir,
        &[
            ("HALO_URL", &unreachable),
            ("HALO_CLIENT_ID", "id"),
            ("HALO_CLIENT_SECRET", "secret"),
        ],
        None,
    )
    .await;
    common::sign_in(
        &app.base,
        &app.client,
        common::TEST_USER,
        common::TEST_PASSWORD,
    )
    .await;
    let ready = reqwest::get(format!("{}/readyz", app.base)).await.unwrap();
    assert_eq!(ready.status(), 503);
    let reason = ready.text().await.unwrap();
    assert_eq!(
        reason, "unreachable",
        "one fixed word, never HaloPSA's error text"
    );
    let (status, body, _) = list(&app).await;
    assert_eq!(status, 503, "{body}");
    let page = common::get(&app, "/clients").await;
    assert_eq!(page.status(), 503);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("class=\"error-panel\""),
        "the error panel shows"
    );
    assert!(
        html.contains("aria-label=\"Main\""),
        "the shell still renders"
    );
}

/// Stale-if-error: while HaloPSA fails, a list and a record read before show that older copy, marked with
/// when it was read; what was never read, and a refusal (403), are errors as before; an edit form is not
/// built on an older copy; a write says nothing was changed; fresh data once HaloPSA is back.
#[tokio::test]
async fn while_halopsa_fails_pages_show_the_data_read_last_marked_and_writes_say_nothing_changed() {
    let (sim, app) = common::start_with(Default::default(), &[("HALOSCOPE_CACHE_TTL", "1")]).await;
    let id = *sim
        .sim
        .ids(halo_sim::Entity::Client)
        .first()
        .expect("seeded clients");
    let record = format!("/clients/{id}");
    let edit = format!("{record}/edit");
    for path in ["/clients", record.as_str(), edit.as_str()] {
        let (status, html) = common::page(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !html.contains("stale-notice"),
            "{path}: fresh data is not marked"
        );
    }
    let export = "/export/clients.csv?q=a";
    let (status, csv) = common::page(&app, export).await;
    assert!(
        status == 200 && !csv.contains("# export incomplete"),
        "{csv}"
    );
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    sim.sim.faults().set(FaultConfig {
        error_rate: 1.0,
        ..Default::default()
    });
    for path in ["/clients", record.as_str()] {
        let (status, html) = common::page(&app, path).await;
        assert_eq!(status, 200, "{path}: {html}");
        assert!(html.contains(r#"data-testid="stale-notice""#), "{path}");
        assert!(html.contains("HaloPSA is answering with errors"), "{path}");
        assert!(html.contains("showing data from"), "{path}");
        assert!(html.contains(r#"data-testid="stale-retry""#), "{path}");
    }
    let (status, html) = common::page(&app, "/clients").await;
    assert!(
        status == 200 && html.contains("<tbody"),
        "the rows are shown"
    );
    let (status, during) = common::page(&app, export).await;
    assert_eq!(status, 200, "the file had started");
    assert!(
        during.contains("# export incomplete") && during.len() < csv.len(),
        "an export never mixes in older pages: {during}"
    );
    let (status, _) = common::page(&app, "/clients?q=never-read-before").await;
    assert_eq!(status, 502, "a list never read has no older copy");
    let (status, html) = common::page(&app, &edit).await;
    assert_eq!(status, 502, "no edit form from an older copy");
    assert!(html.contains("Nothing was changed"), "{html}");
    let form = [("entity", "clients"), ("id", &id.to_string()[..])];
    let (status, outcome, _) = common::server_fn_post(&app, "delete_record", &form).await;
    assert_eq!(status, 502, "{outcome}");
    assert!(
        outcome.to_string().contains("Nothing was changed"),
        "{outcome}"
    );
    assert!(sim.sim.record(halo_sim::Entity::Client, id).is_some());
    sim.sim.faults().set(FaultConfig {
        forbidden: vec!["Client".into()],
        ..Default::default()
    });
    let (status, html) = common::page(&app, "/clients").await;
    assert_eq!(status, 403, "a refusal is never answered with older data");
    assert!(!html.contains("stale-notice"));
    sim.sim.faults().clear();
    let (status, html) = common::page(&app, "/clients").await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("stale-notice"),
        "fresh again once HaloPSA answers"
    );
}
