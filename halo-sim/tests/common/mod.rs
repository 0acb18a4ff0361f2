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

/// A simulator started with `cfg`, and an app token (scope `all`) for it.
pub async fn start_with_token(cfg: SimConfig) -> (RunningSim, String) {
    let sim = start(cfg).await;
    let t = token(&sim).await;
    (sim, t)
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

/// `GET {url}` without a token: the response as it came.
pub async fn get_url(url: impl reqwest::IntoUrl) -> reqwest::Response {
    http().get(url).send().await.expect("GET")
}

/// `POST {url}` without a token or body: the response as it came.
pub async fn post_url(url: impl reqwest::IntoUrl) -> reqwest::Response {
    http().post(url).send().await.expect("POST")
}

/// `GET {url}` without a token, read as JSON of type `T`.
pub async fn get_json<T: serde::de::DeserializeOwned>(url: impl reqwest::IntoUrl) -> T {
    get_url(url).await.json().await.expect("a JSON body")
}

/// The string `field` of each element of the JSON array `list`.
pub fn strings<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|r| {
            r[field]
                .as_str()
                .unwrap_or_else(|| panic!("no {field} in {r}"))
        })
        .collect()
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

/// `POST {api}{path}` with a bearer token and `body` sent as `content_type`: the response as it came.
pub async fn post_typed(
    sim: &RunningSim,
    token: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> reqwest::Response {
    http()
        .post(format!("{}{path}", sim.api_url()))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .expect("POST")
}

pub async fn post_raw(
    sim: &RunningSim,
    token: &str,
    path: &str,
    body: &str,
) -> (StatusCode, Value) {
    let r = post_typed(sim, token, path, "application/json", body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
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
