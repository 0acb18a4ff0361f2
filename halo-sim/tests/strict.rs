//! Strict mode answers as hosted HaloPSA does where the documentation leaves room; without it the
//! simulator stays lenient.

mod common;

use common::*;
use halo_sim::{Entity, RunningSim, SimConfig, NO_DATE};
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
    assert_eq!(status, StatusCode::CREATED, "{body}");
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

/// The values of a client's custom fields by id, read back from the simulator.
fn custom_values(sim: &RunningSim, id: i64) -> Vec<(i64, Value)> {
    let rec = sim.sim.record(Entity::Client, id).expect("the client");
    rec["customfields"]
        .as_array()
        .expect("an array")
        .iter()
        .map(|f| (f["id"].as_i64().unwrap(), f["value"].clone()))
        .collect()
}

#[tokio::test]
async fn strict_blanks_the_custom_fields_a_post_leaves_out_and_lenient_keeps_them() {
    for strict_mode in [true, false] {
        let cfg = if strict_mode { strict() } else { small() };
        let (sim, t) = start_with_token(cfg).await;
        let (status, body) = post(
            &sim,
            &t,
            "/Client",
            &json!([{"name": "Custom Co", "customfields": [
                {"id": 103, "value": 12}, {"id": 104, "value": "AC-1"}
            ]}]),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = body["id"].as_i64().unwrap();
        let before = custom_values(&sim, id);
        assert_eq!(before.len(), 5, "every field of the tenant: {before:?}");
        assert!(before.contains(&(103, json!(12))) && before.contains(&(104, json!("AC-1"))));
        let one = json!([{"id": id, "customfields": [{"id": 104, "value": "AC-2"}]}]);
        let (status, _) = post(&sim, &t, "/Client", &one).await;
        assert_eq!(status, StatusCode::CREATED);
        let after = custom_values(&sim, id);
        assert!(after.contains(&(104, json!("AC-2"))), "{after:?}");
        let seats = if strict_mode { Value::Null } else { json!(12) };
        assert!(
            after.contains(&(103, seats)),
            "strict {strict_mode}: {after:?}"
        );
    }
}

#[tokio::test]
async fn strict_drops_the_fields_halopsa_does_not_know_and_lenient_keeps_them() {
    for strict_mode in [true, false] {
        let cfg = if strict_mode { strict() } else { small() };
        let (sim, t) = start_with_token(cfg).await;
        let body =
            json!([{"name": "Known Co", "website": "https://known.example", "made_up_field": "x"}]);
        let (status, saved) = post(&sim, &t, "/Client", &body).await;
        assert_eq!(status, StatusCode::CREATED, "{saved}");
        let rec = sim
            .sim
            .record(Entity::Client, saved["id"].as_i64().unwrap())
            .unwrap();
        assert_eq!(rec["website"], json!("https://known.example"));
        assert_eq!(
            rec.get("made_up_field").is_some(),
            !strict_mode,
            "strict {strict_mode}"
        );
    }
}
