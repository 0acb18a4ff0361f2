//! The hosted rate limit (§5) and fault injection.

mod common;

use std::time::{Duration, Instant};

use common::*;
use halo_sim::{FaultConfig, RunningSim, SimConfig};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn rate_limit_is_off_by_default() {
    let (sim, t) = start_with_token(small()).await;
    for _ in 0..320 {
        let (status, _) = get(&sim, &t, "/TopLevel").await;
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(sim.sim.request_count(), 320);
}

#[tokio::test]
async fn rate_limit_answers_429_with_halos_message_per_rolling_window() {
    let (sim, t) = start_with_token(SimConfig {
        rate_limit: Some(300),
        ..small()
    })
    .await;
    for i in 0..300 {
        let (status, _) = get(&sim, &t, "/TopLevel").await;
        assert_eq!(status, StatusCode::OK, "request {i}");
    }
    let r = get_raw(&sim, &t, "/TopLevel").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        r.headers().get("retry-after").is_none(),
        "Halo sends no Retry-After"
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": "Rate Limit Reached - 300 Requests per rolling 5 minute window"})
    );
    // token requests are not limited: a new token still comes, but shares the client id's budget
    let t2 = token(&sim).await;
    let (status, _) = get(&sim, &t2, "/TopLevel").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn rate_limit_window_rolls() {
    let (sim, t) = start_with_token(SimConfig {
        rate_limit: Some(3),
        rate_window: Duration::from_millis(1000),
        ..small()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::OK);
    }
    let (status, body) = get(&sim, &t, "/TopLevel").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        body["error"],
        "Rate Limit Reached - 3 Requests per rolling 1 second window"
    );
    tokio::time::sleep(Duration::from_millis(1050)).await;
    assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::OK);
}

fn faulty(f: FaultConfig) -> SimConfig {
    SimConfig {
        faults: f,
        ..small()
    }
}

/// A small simulator with these faults, and an app token for it.
async fn with_faults(f: FaultConfig) -> (RunningSim, String) {
    start_with_token(faulty(f)).await
}

/// No faults but those `change` sets.
fn faults(change: impl FnOnce(&mut FaultConfig)) -> FaultConfig {
    let mut f = FaultConfig::default();
    change(&mut f);
    f
}

#[tokio::test]
async fn error_rate_gives_500s() {
    // the token endpoint is not affected unless include_auth
    let (sim, t) = with_faults(faults(|f| f.error_rate = 1.0)).await;
    let (status, body) = get(&sim, &t, "/Client").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body["Message"].is_string());
    assert_eq!(sim.sim.request_count(), 1, "injected failures are counted");
    assert_eq!(sim.sim.token_request_count(), 1);
    sim.sim.faults().set(faults(|f| f.error_rate = 0.5));
    let mut errors = 0;
    for _ in 0..100 {
        if get(&sim, &t, "/TopLevel").await.0 == StatusCode::INTERNAL_SERVER_ERROR {
            errors += 1;
        }
    }
    assert!((25..75).contains(&errors), "{errors}");
}

#[tokio::test]
async fn latency_and_jitter_delay_responses() {
    let (sim, t) = with_faults(faults(|f| {
        f.latency_ms = 150;
        f.jitter_ms = 50;
    }))
    .await;
    let started = Instant::now();
    get_ok(&sim, &t, "/TopLevel").await;
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(150), "{took:?}");
    assert!(took < Duration::from_millis(1000), "{took:?}");
}

#[tokio::test]
async fn burst_of_429s_then_normal() {
    let (sim, t) = start_with_token(small()).await;
    sim.sim.faults().burst_429(2);
    for _ in 0..2 {
        let (status, body) = get(&sim, &t, "/TopLevel").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(body["error"]
            .as_str()
            .unwrap()
            .starts_with("Rate Limit Reached"));
    }
    assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::OK);
}

#[tokio::test]
async fn malformed_and_html_bodies() {
    let (sim, t) = with_faults(faults(|f| f.malformed_rate = 1.0)).await;
    let r = get_raw(&sim, &t, "/Client?count=5").await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");

    sim.sim.faults().set(faults(|f| f.html_rate = 1.0));
    let r = get_raw(&sim, &t, "/Client?count=5").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.text().await.unwrap().contains("<html>"));
}

#[tokio::test]
async fn stalled_body_sends_headers_then_hangs() {
    let (sim, t) = with_faults(faults(|f| {
        f.stall_rate = 1.0;
        f.stall_ms = 60_000;
    }))
    .await;
    let r = get_raw(&sim, &t, "/Client?count=50").await;
    assert_eq!(r.status(), StatusCode::OK, "headers arrive");
    let body = tokio::time::timeout(Duration::from_millis(500), r.bytes()).await;
    assert!(body.is_err(), "the body must not complete");

    sim.sim.faults().set(faults(|f| {
        f.stall_rate = 1.0;
        f.stall_ms = 200;
    }));
    let r = get_raw(&sim, &t, "/Client?count=5").await;
    let started = Instant::now();
    let body: Value = r.json().await.expect("completes after the stall");
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(body["clients"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn faults_reach_the_token_endpoint_only_when_asked() {
    let sim = start(faulty(faults(|f| {
        f.error_rate = 1.0;
        f.include_auth = true;
    })))
    .await;
    let (status, _) = token_request(
        &sim,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", halo_sim::DEMO_CLIENT_ID),
            ("client_secret", halo_sim::DEMO_CLIENT_SECRET),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn forced_expiry_and_revocation() {
    let (sim, t) = start_with_token(small()).await;
    get_ok(&sim, &t, "/TopLevel").await;
    sim.sim.faults().expire_tokens();
    assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::UNAUTHORIZED);
    let t2 = token(&sim).await;
    get_ok(&sim, &t2, "/TopLevel").await;
    sim.sim.faults().revoke_tokens();
    assert_eq!(
        get(&sim, &t2, "/TopLevel").await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn control_endpoint_exists_only_when_enabled() {
    let off = start(small()).await;
    let r = get_url(format!("{}/_control/faults", off.base_url)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let (sim, t) = start_with_token(SimConfig {
        control: true,
        ..small()
    })
    .await;
    let r = http()
        .post(format!("{}/_control/faults", sim.base_url))
        .json(&json!({"error_rate": 1.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        get(&sim, &t, "/TopLevel").await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let current: Value = get_json(format!("{}/_control/faults", sim.base_url)).await;
    assert_eq!(current["error_rate"], 1.0);

    let r = post_url(format!("{}/_control/reset", sim.base_url)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::OK);

    let (status, _) = post(&sim, &t, "/Client", &json!([{"id": 2, "notes": "dirty"}])).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "a client's POST answers 201, as Halo's does"
    );
    assert_eq!(
        sim.sim.record(halo_sim::Entity::Client, 2).unwrap()["notes"],
        "dirty",
        "the write took"
    );
    let r = post_url(format!("{}/_control/reset", sim.base_url)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_ne!(
        sim.sim.record(halo_sim::Entity::Client, 2).unwrap()["notes"],
        "dirty",
        "reset restores the seeded data"
    );

    let r = post_url(format!("{}/_control/expire-tokens", sim.base_url)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::UNAUTHORIZED);
    let t2 = token(&sim).await;
    post_url(format!("{}/_control/revoke-tokens", sim.base_url)).await;
    assert_eq!(
        get(&sim, &t2, "/TopLevel").await.0,
        StatusCode::UNAUTHORIZED
    ); // every token issued is listed, revoked ones too (for leak tests)
    let issued: Vec<String> = get_json(format!("{}/_control/tokens", sim.base_url)).await;
    assert!(issued.contains(&t) && issued.contains(&t2), "{issued:?}");
}

#[tokio::test]
async fn a_forbidden_path_answers_403_and_others_still_answer() {
    let (sim, t) = with_faults(faults(|f| f.forbidden = vec!["TopLevel".into()])).await;
    assert_eq!(get(&sim, &t, "/TopLevel").await.0, StatusCode::FORBIDDEN);
    assert_eq!(get(&sim, &t, "/toplevel").await.0, StatusCode::FORBIDDEN);
    assert_eq!(get(&sim, &t, "/ServiceCategory").await.0, StatusCode::OK);
}
