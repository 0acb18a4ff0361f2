//! The authorisation server (§2): client credentials, scopes, expiry, authorisation code + PKCE,
//! refresh tokens, authinfo.

mod common;

use std::time::Duration;

use common::*;
use halo_sim::{RunningSim, SimConfig, Simulator, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT};
use reqwest::{StatusCode, Url};
use serde_json::{json, Value};

const CC: (&str, &str) = ("grant_type", "client_credentials");
const ID: (&str, &str) = ("client_id", DEMO_CLIENT_ID);
const SECRET: (&str, &str) = ("client_secret", DEMO_CLIENT_SECRET);

#[tokio::test]
async fn client_credentials_returns_bearer_token_with_expiry_and_id_token() {
    let sim = start(small()).await;
    let (status, body) = token_request(&sim, &[CC, ID, SECRET, ("scope", "all")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "all");
    assert!(body["access_token"].as_str().unwrap().len() >= 32);
    assert!(
        body.get("refresh_token").is_none(),
        "no offline_access, no refresh token"
    );
    // the id_token is a JWT naming the technician the app acts as
    let id_token = body["id_token"].as_str().unwrap();
    let payload = id_token.split('.').nth(1).unwrap();
    use base64::Engine;
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["name"], "API Service Account");
    // and it works on the resource server
    let t = body["access_token"].as_str().unwrap();
    get_ok(&sim, t, "/Client?count=1").await;
}

#[tokio::test]
async fn token_needs_the_tenant_in_the_query_or_form() {
    let sim = start(small()).await;
    for (case, query, tenant_in_form, expected) in [
        ("no tenant", "", None, StatusCode::BAD_REQUEST),
        (
            "another tenant",
            "?tenant=other",
            None,
            StatusCode::BAD_REQUEST,
        ),
        ("tenant in the form", "", Some(DEMO_TENANT), StatusCode::OK),
    ] {
        let mut form = vec![CC, ID, SECRET];
        form.extend(tenant_in_form.map(|t| ("tenant", t)));
        let r = http()
            .post(format!("{}/token{query}", sim.auth_url()))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), expected, "{case}");
    }
}

#[tokio::test]
async fn wrong_client_id_or_secret_is_401_invalid_client() {
    let sim = start(small()).await;
    let (status, body) = token_request(&sim, &[CC, ("client_id", "nope"), SECRET]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    let (status, body) = token_request(&sim, &[CC, ID, ("client_secret", "wrong")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    let (status, _) = token_request(&sim, &[CC, ID]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_scope_is_invalid_scope() {
    let sim = start(small()).await;
    let (status, body) =
        token_request(&sim, &[CC, ID, SECRET, ("scope", "all read:actions")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_scope");
    let (status, body) = token_request(
        &sim,
        &[CC, ID, SECRET, ("scope", "read:customers edit:crm")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["scope"], "read:customers edit:crm");
}

#[tokio::test]
async fn requested_scopes_are_limited_to_those_granted_to_the_app() {
    let sim = start(SimConfig {
        granted_scopes: Some(vec!["read:customers".into()]),
        ..small()
    })
    .await;
    let (status, body) = token_request(
        &sim,
        &[CC, ID, SECRET, ("scope", "read:customers edit:customers")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["scope"], "read:customers");
    let t = body["access_token"].as_str().unwrap();
    let (status, _) = post(&sim, t, "/Client", &json!([{"id": 2, "notes": "x"}])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = token_request(&sim, &[CC, ID, SECRET, ("scope", "all")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_scope");
}

#[tokio::test]
async fn read_scope_reads_but_cannot_write_and_edit_implies_read() {
    let sim = start(small()).await;
    let read = token_with_scope(&sim, "read:customers").await;
    get_ok(&sim, &read, "/Client?count=1").await;
    get_ok(&sim, &read, "/Site?count=1").await; // sites ride on :customers
    let (status, _) = post(&sim, &read, "/Client", &json!([{"id": 2, "notes": "x"}])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = delete(&sim, &read, "/Client/2").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // other families are not covered
    let (status, _) = get(&sim, &read, "/Supplier").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = get(&sim, &read, "/CRMNote?client_id=2").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // edit:customers reads and writes
    let edit = token_with_scope(&sim, "edit:customers").await;
    get_ok(&sim, &edit, "/Client?count=1").await;
    let (status, _) = post(&sim, &edit, "/Client", &json!([{"id": 2, "notes": "x"}])).await;
    assert_eq!(status, StatusCode::CREATED);
    // Organisation / Service need all (or admin)
    let (status, _) = get(&sim, &edit, "/Organisation").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = token_with_scope(&sim, "admin").await;
    get_ok(&sim, &admin, "/Organisation").await;
}

#[tokio::test]
async fn missing_or_unknown_bearer_is_401() {
    let sim = start(small()).await;
    let r = get_url(format!("{}/Client", sim.api_url())).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = get(&sim, "not-a-token", "/Client").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn access_tokens_expire_after_the_configured_ttl() {
    let sim = start(SimConfig {
        token_ttl: Duration::from_secs(1),
        ..small()
    })
    .await;
    let (_, body) = token_request(&sim, &[CC, ID, SECRET]).await;
    assert_eq!(body["expires_in"], 1);
    let t = body["access_token"].as_str().unwrap().to_owned();
    get_ok(&sim, &t, "/Client?count=1").await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, _) = get(&sim, &t, "/Client?count=1").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn authinfo_is_anonymous_and_names_auth_url_and_tenant() {
    let sim = start(small()).await;
    let r = get_url(format!("{}/authinfo", sim.api_url())).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["auth_url"], format!("{}/auth", sim.base_url));
    assert_eq!(body["tenant_id"], DEMO_TENANT);
}

/// RFC 7636 appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "http://127.0.0.1:9/auth/callback";

/// `POST /token` with a refresh token (a public client: no secret); status and JSON body.
async fn refresh_with(sim: &RunningSim, refresh: &str) -> (StatusCode, Value) {
    token_request(
        sim,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            ("client_id", DEMO_CLIENT_ID),
        ],
    )
    .await
}

fn authorize_url(auth_base: &str, scope: &str) -> Url {
    Url::parse_with_params(
        &format!("{auth_base}/authorize"),
        &[
            ("tenant", DEMO_TENANT),
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("scope", scope),
            ("state", "st4te"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ],
    )
    .unwrap()
}

/// Opens the sign-in page, follows the link of the agent named `agent`, returns the redirect target.
async fn sign_in(page: Url, agent: &str) -> Url {
    let r = http().get(page.clone()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let line = html
        .lines()
        .find(|l| l.contains(&format!("Sign in as {agent}")))
        .unwrap_or_else(|| panic!("no link for {agent} in {html}"));
    let href = line
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let href = href.replace("&amp;", "&");
    let target = page.join(&href).unwrap();
    let r = http().get(target).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    Url::parse(r.headers()["location"].to_str().unwrap()).unwrap()
}

/// `url` with its parameter `name` set to `value`, the others kept in their order.
fn with_param(url: &Url, name: &str, value: &str) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    let mut changed = url.clone();
    changed.query_pairs_mut().clear().extend_pairs(pairs);
    changed
}

fn query_value(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

async fn exchange(sim_auth: &str, code: &str, verifier: &str) -> (StatusCode, Value) {
    let r = http()
        .post(format!("{sim_auth}/token?tenant={DEMO_TENANT}"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("code", code),
            ("code_verifier", verifier),
            ("scope", "all offline_access"),
        ])
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn pkce_sign_in_lists_agents_and_redirects_with_code_and_state() {
    let sim = start(small()).await;
    let page = authorize_url(&sim.auth_url(), "all offline_access");
    let html = http()
        .get(page.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for agent in &sim.sim.config().agents {
        assert!(html.contains(&agent.name.replace('\'', "&#x27;")), "{html}");
    }
    let back = sign_in(page, "Priya Shah").await;
    assert!(back.as_str().starts_with(REDIRECT));
    assert_eq!(query_value(&back, "state").as_deref(), Some("st4te"));
    let code = query_value(&back, "code").expect("code");

    // a wrong verifier fails; the code is then spent
    let (status, body) = exchange(&sim.auth_url(), &code, "wrong-verifier").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    let (status, _) = exchange(&sim.auth_url(), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "codes are single use");
}

#[tokio::test]
async fn pkce_code_exchange_and_refresh_token_grant() {
    let sim = start(small()).await;
    let back = sign_in(
        authorize_url(&sim.auth_url(), "all offline_access"),
        "Priya Shah",
    )
    .await;
    let code = query_value(&back, "code").unwrap();
    let (status, body) = exchange(&sim.auth_url(), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    let access = body["access_token"].as_str().unwrap().to_owned();
    let refresh = body["refresh_token"]
        .as_str()
        .expect("offline_access gives a refresh token")
        .to_owned();
    get_ok(&sim, &access, "/Client?count=1").await;

    let (status, renewed) = refresh_with(&sim, &refresh).await;
    assert_eq!(status, StatusCode::OK);
    let new_access = renewed["access_token"].as_str().unwrap();
    assert_ne!(new_access, access);
    assert_eq!(renewed["refresh_token"], refresh.as_str());
    get_ok(&sim, new_access, "/Client?count=1").await;

    assert_eq!(refresh_with(&sim, "bogus").await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn authorize_rejects_unknown_client_and_bad_scope() {
    let sim = start(small()).await;
    let url = with_param(&authorize_url(&sim.auth_url(), "all"), "client_id", "x");
    let r = get_url(url).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    let r = http()
        .get(authorize_url(&sim.auth_url(), "read:nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    let loc = Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(query_value(&loc, "error").as_deref(), Some("invalid_scope"));
    assert_eq!(query_value(&loc, "state").as_deref(), Some("st4te"));
}

#[tokio::test]
async fn sign_in_works_when_nested_under_a_prefix() {
    let sim = Simulator::new(SimConfig {
        base_path: "/_sim".into(),
        ..small()
    });
    let app = axum::Router::new().nest("/_sim", sim.router());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(halo_sim::serve(listener, app, std::future::pending()));

    let auth = format!("{base}/_sim/auth");
    let back = sign_in(authorize_url(&auth, "all"), "Alex Morgan").await;
    let code = query_value(&back, "code").unwrap();
    let (status, body) = exchange(&auth, &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let info: Value = get_json(format!("{base}/_sim/api/authinfo")).await;
    assert_eq!(info["auth_url"], format!("{base}/_sim/auth"));
    let r = http()
        .get(format!("{base}/_sim/api/Client?count=2"))
        .bearer_auth(body["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    server.abort();
}

#[tokio::test]
async fn codes_and_refresh_tokens_are_bounded_and_expire_and_codes_go_only_to_the_registered_app() {
    let sim = start(SimConfig {
        max_codes: 2,
        refresh_ttl: Duration::from_millis(300),
        ..small()
    })
    .await;
    let page = authorize_url(&sim.auth_url(), "all offline_access");
    let mut codes = Vec::new();
    for _ in 0..3 {
        let back = sign_in(page.clone(), "Priya Shah").await;
        codes.push(query_value(&back, "code").unwrap());
    }
    let (status, body) = exchange(&sim.auth_url(), &codes[0], VERIFIER).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the oldest code made room");
    assert_eq!(body["error"], "invalid_grant");
    let (status, body) = exchange(&sim.auth_url(), &codes[2], VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let refresh = body["refresh_token"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        refresh_with(&sim, &refresh).await.0,
        StatusCode::BAD_REQUEST,
        "the refresh token expired"
    );

    // a redirect URI the demo app did not register gets no code: the page says so instead
    for endpoint in ["authorize", "approve"] {
        let mut evil = with_param(&page, "redirect_uri", "https://evil.example/auth/callback");
        evil.query_pairs_mut().append_pair("agent_id", "3");
        evil.set_path(&page.path().replace("authorize", endpoint));
        let r = get_url(evil).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{endpoint}");
        assert!(r.headers().get("location").is_none(), "{endpoint}");
        assert!(r.text().await.unwrap().contains("not registered"));
    }
}
