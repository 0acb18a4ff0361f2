//! The ways real installs differ that the simulator can play: on premise (no tenants), without
//! `/api/authinfo`, a token endpoint that does not know `openid`, and strict mode's rotated refresh tokens.

mod common;

use common::*;
use halo_sim::{SimConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT};
use reqwest::StatusCode;
use serde_json::Value;

const APP: [(&str, &str); 3] = [
    ("grant_type", "client_credentials"),
    ("client_id", DEMO_CLIENT_ID),
    ("client_secret", DEMO_CLIENT_SECRET),
];

/// `POST {auth}/token` with `query` (e.g. `?tenant=demo`, or nothing) and the app's credentials plus `extra`.
async fn app_token(
    sim: &halo_sim::RunningSim,
    query: &str,
    extra: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut form = APP.to_vec();
    form.extend_from_slice(extra);
    answer(
        http()
            .post(format!("{}/token{query}", sim.auth_url()))
            .form(&form),
    )
    .await
}

#[tokio::test]
async fn on_premise_there_is_no_tenant_to_name() {
    let sim = start(SimConfig {
        on_premise: true,
        ..small()
    })
    .await;
    let (status, body) = app_token(&sim, "", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app_token(&sim, &format!("?tenant={DEMO_TENANT}"), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], "invalid_request");
    let info: Value = get_json(format!("{}/authinfo", sim.api_url())).await;
    assert_eq!(info["auth_url"], format!("{}/auth", sim.base_url));
    assert!(info.get("tenant_id").is_none(), "{info}");
    // hosted (the default) still needs its tenant
    let hosted = start(small()).await;
    assert_eq!(app_token(&hosted, "", &[]).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_install_without_authinfo_answers_404() {
    let sim = start(SimConfig {
        authinfo: false,
        ..small()
    })
    .await;
    let r = get_url(format!("{}/authinfo", sim.api_url())).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_token_endpoint_that_does_not_know_openid_refuses_it() {
    let sim = start(SimConfig {
        unknown_scopes: vec!["openid".into()],
        ..small()
    })
    .await;
    let tenant = format!("?tenant={DEMO_TENANT}");
    let (status, body) = app_token(&sim, &tenant, &[("scope", "all openid")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], "invalid_scope");
    let (status, body) = app_token(&sim, &tenant, &[("scope", "all")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["id_token"].is_string(),
        "the id token comes without openid: {body}"
    );
}

/// A refresh token for the app (`offline_access` on a client-credentials grant gives none, so through the
/// sign-in page as demo agent Priya Shah).
async fn refresh_token(sim: &halo_sim::RunningSim) -> String {
    let (_, body) = signed_in_tokens(sim).await;
    body["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned()
}

#[tokio::test]
async fn strict_rotates_refresh_tokens_and_the_used_one_stops_working() {
    let sim = start(SimConfig {
        strict: true,
        ..small()
    })
    .await;
    let first = refresh_token(&sim).await;
    let (status, renewed) = refresh(&sim, &first).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    let second = renewed["refresh_token"]
        .as_str()
        .expect("a new refresh token");
    assert_ne!(second, first);
    let (status, body) = refresh(&sim, &first).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the used one is revoked: {body}"
    );
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(refresh(&sim, second).await.0, StatusCode::OK);
    // lenient (the default) hands the same one back
    let lenient = start(small()).await;
    let token = refresh_token(&lenient).await;
    let (_, renewed) = refresh(&lenient, &token).await;
    assert_eq!(renewed["refresh_token"], token.as_str());
}

/// Signs in through the sign-in page as demo agent 3 (PKCE, plain) and exchanges the code: the answer.
async fn signed_in_tokens(sim: &halo_sim::RunningSim) -> (StatusCode, Value) {
    const VERIFIER: &str = "a-plain-verifier-long-enough-for-the-test-0123456789";
    const REDIRECT: &str = "http://127.0.0.1:9/auth/callback";
    let page = reqwest::Url::parse_with_params(
        &format!("{}/authorize", sim.auth_url()),
        &[
            ("tenant", DEMO_TENANT),
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("scope", "all offline_access"),
            ("state", "s"),
            ("code_challenge", VERIFIER),
            ("code_challenge_method", "plain"),
        ],
    )
    .unwrap();
    let html = get_url(page.clone()).await.text().await.unwrap();
    let href = html
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .find(|h| h.contains("agent_id=3"))
        .expect("a link for demo agent 3");
    let back = get_url(page.join(&href).unwrap()).await;
    assert_eq!(back.status(), StatusCode::FOUND);
    let back = reqwest::Url::parse(back.headers()["location"].to_str().unwrap()).unwrap();
    let code = back
        .query_pairs()
        .find(|(k, _)| k == "code")
        .expect("a code")
        .1
        .into_owned();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("code", &code),
        ("code_verifier", VERIFIER),
    ];
    token_request(sim, &form).await
}

/// `POST {auth}/token` with a refresh token: status and body.
async fn refresh(sim: &halo_sim::RunningSim, refresh: &str) -> (StatusCode, Value) {
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
        ("client_id", DEMO_CLIENT_ID),
    ];
    token_request(sim, &form).await
}
