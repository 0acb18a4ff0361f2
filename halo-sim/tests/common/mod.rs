//! Helpers shared by the HTTP tests: a simulator on loopback, tokens, JSON requests.
#![allow(dead_code)]

use halo_sim::{spawn, RunningSim, SimConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT};
use reqwest::{Client, StatusCode};
use serde_json::Value;

/// A small data set (200 clients, 600 sites) unless the test needs the full one.
pub fn small() -> SimConfig {
    SimConfig {
        scale: 0.1,
        ..SimConfig::default()
    }
}

pub async fn start(cfg: SimConfig) -> RunningSim {
    spawn(cfg).await.expect("simulator starts")
}

pub fn http() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// `POST /auth/token` with client credentials; returns status and JSON body.
pub async fn token_request(sim: &RunningSim, form: &[(&str, &str)]) -> (StatusCode, Value) {
    answer(
        http()
            .post(format!("{}/token?tenant={DEMO_TENANT}", sim.auth_url()))
            .form(form),
    )
    .await
}

pub async fn token_with_scope(sim: &RunningSim, scope: &str) -> String {
    let (status, body) = token_request(
        sim,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("scope", scope),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

pub async fn token(sim: &RunningSim) -> String {
    token_with_scope(sim, "all").await
}

/// `GET {api}{path}` with a bearer token: the response as it came.
pub async fn get_raw(sim: &RunningSim, token: &str, path: &str) -> reqwest::Response {
    http()
        .get(format!("{}{path}", sim.api_url()))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET")
}

/// Status and JSON body (Null when not JSON) of a request.
pub async fn answer(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let r = request.send().await.expect("request");
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// `GET {api}{path}` with a bearer token; status and JSON body (Null when not JSON).
pub async fn get(sim: &RunningSim, token: &str, path: &str) -> (StatusCode, Value) {
    let r = get_raw(sim, token, path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn get_ok(sim: &RunningSim, token: &str, path: &str) -> Value {
    let (status, body) = get(sim, token, path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    body
}

pub async fn post(sim: &RunningSim, token: &str, path: &str, body: &Value) -> (StatusCode, Value) {
    answer(
        http()
            .post(format!("{}{path}", sim.api_url()))
            .bearer_auth(token)
            .json(body),
    )
    .await
}

pub async fn post_raw(
    sim: &RunningSim,
    token: &str,
    path: &str,
    body: &str,
) -> (StatusCode, Value) {
    let r = http()
        .post(format!("{}{path}", sim.api_url()))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_owned());
    answer(r).await
}

pub async fn delete(sim: &RunningSim, token: &str, path: &str) -> (StatusCode, Value) {
    answer(
        http()
            .delete(format!("{}{path}", sim.api_url()))
            .bearer_auth(token),
    )
    .await
}

/// The rows of a wrapped list.
pub fn rows<'a>(body: &'a Value, key: &str) -> &'a Vec<Value> {
    body[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} array in {body}"))
}

pub fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().expect("id")).collect()
}
