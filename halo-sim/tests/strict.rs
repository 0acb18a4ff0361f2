//! Strict mode answers as hosted HaloPSA does where the documentation leaves room; without it the
//! simulator stays lenient.

mod common;

use common::*;
use halo_sim::{Entity, SimConfig, NO_DATE};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn strict() -> SimConfig {
    SimConfig {
        strict: true,
        ..small()
    }
}

#[tokio::test]
async fn strict_answers_untyped_creates_with_an_empty_200_and_still_stores_them() {
    let (sim, t) = start_with_token(strict()).await;
    let before = sim.sim.count(Entity::Organisation);
    let body = json!([{"name": "Strict Org"}]).to_string();
    let res = post_typed(&sim, &t, "/Organisation", "application/json", &body).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "", "an empty body");
    assert_eq!(sim.sim.count(Entity::Organisation), before + 1);
    // a typed create still returns its record
    let (status, body) = post(&sim, &t, "/Client", &json!([{"name": "Strict Client"}])).await;
    assert!(status.is_success(), "{status}: {body}");
    assert!(body["id"].as_i64().is_some_and(|id| id > 0), "{body}");
}

#[tokio::test]
async fn strict_sends_1900_for_empty_dates_and_counts_as_strings() {
    let (sim, t) = start_with_token(strict()).await;
    let body = get_ok(&sim, &t, "/Client?pageinate=true&page_size=50&page_no=1").await;
    assert!(body["record_count"].is_string(), "{}", body["record_count"]);
    let rows = rows(&body, "clients");
    assert!(!rows.is_empty());
    let dates: Vec<&Value> = rows.iter().filter_map(|r| r.get("calldate")).collect();
    assert!(
        dates.iter().all(|d| d.is_string()),
        "no null dates in strict mode: {dates:?}"
    );
    let lenient = start(small()).await;
    let t = token(&lenient).await;
    let body = get_ok(
        &lenient,
        &t,
        "/Client?pageinate=true&page_size=50&page_no=1",
    )
    .await;
    assert!(body["record_count"].is_number(), "lenient by default");
    assert!(!body.to_string().contains(NO_DATE));
}
