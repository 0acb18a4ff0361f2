//! Agent identity (issue #16, item 5): a sign-in whose token reply names no agent is refused with a clear
//! message, never given a shared stand-in identity; a HaloPSA that refuses the `openid` scope
//! (`invalid_scope`, at its token endpoint or its sign-in page) is asked again without it, and the agent is
//! still named by the id token its token endpoint sends. The real binary in agent mode against the
//! simulator.

use crate::common::agent::approve_as;
use crate::common::agent::{begin_agent_sign_in, session_cookie, start_agent};
use crate::common::{audit_lines, list, server_fn};
use halo_sim::{FaultConfig, SimConfig};
use std::collections::HashMap;

#[tokio::test]
async fn a_sign_in_that_names_no_agent_is_refused_with_a_clear_message() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    sim.sim.faults().set(FaultConfig {
        omit_id_token: true,
        ..Default::default()
    });
    let app = start_agent(&sim, crate::common::temp_data_dir("no-agent"), None).await;
    let client = &app.client;
    let res = begin_agent_sign_in(&app, client).await;
    assert!(session_cookie(&res).is_some());
    let authorize = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    let back = crate::common::agent::approve_as(client, &authorize, 3).await;
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_owned();
    let done = client.get(&callback).send().await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/login?error=no-agent");
    // not signed in: the list is refused
    let (status, _) = crate::common::list(&app, "clients", "").await;
    assert_eq!(status, 401, "no session for an unnamed agent");
    let (status, login) = crate::common::page(&app.base, "/login?error=no-agent").await;
    assert_eq!(status, 200);
    assert!(
        login.contains("did not say which agent you are"),
        "the page says why"
    );
    let lines = crate::common::audit_lines(&app);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["action"] != "sign_in"), "{lines:?}");
    let failed: Vec<_> = lines
        .iter()
        .filter(|l| l["action"] == "sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 1, "{lines:?}");
}

/// The scope a redirect to HaloPSA's sign-in page asks for.
fn scope_of(authorize: &url::Url) -> String {
    let q: HashMap<String, String> = authorize.query_pairs().into_owned().collect();
    q["scope"].clone()
}

/// Checks that the session is demo agent 3's, as the id token named it: the name the pages show and the
/// id on the audit log's one `sign_in` line.
async fn signed_in_as_priya(app: &crate::common::Haloscope) {
    let (_, info) = server_fn(app, "get_shell_info", "", "").await;
    assert_eq!(info["user"], "Priya Shah", "{info}");
    let lines: Vec<_> = audit_lines(app)
        .into_iter()
        .filter(|l| l["action"] == "sign_in")
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        (&lines[0]["who_kind"], &lines[0]["who"]),
        (&"agent".into(), &"3".into())
    );
}

#[tokio::test]
async fn a_token_endpoint_that_refuses_openid_is_asked_again_without_it() {
    let cfg = SimConfig {
        unknown_scopes: vec!["openid".into()],
        ..SimConfig::default()
    };
    let sim = halo_sim::spawn(cfg).await.unwrap();
    let app = start_agent(&sim, crate::common::temp_data_dir("no-openid-token"), None).await;
    let client = &app.client;
    let res = begin_agent_sign_in(&app, client).await;
    let authorize = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert!(
        scope_of(&authorize).split(' ').any(|s| s == "openid"),
        "asked first"
    );
    let back = approve_as(client, &authorize, 3).await;
    assert_eq!(back.status(), 302);
    let tokens_before = sim.sim.token_request_count();
    let callback = back.headers()["location"].to_str().unwrap().to_owned();
    let done = client.get(&callback).send().await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/clients", "signed in");
    assert_eq!(
        sim.sim.token_request_count() - tokens_before,
        2,
        "the refused exchange, then one without openid"
    );
    let (status, _) = list(&app, "clients", "").await;
    assert_eq!(status, 200);
    signed_in_as_priya(&app).await;
}

#[tokio::test]
async fn a_sign_in_page_that_refuses_openid_is_asked_again_without_it() {
    let cfg = SimConfig {
        unknown_scopes: vec!["openid".into()],
        unknown_scopes_at_authorize: true,
        ..SimConfig::default()
    };
    let sim = halo_sim::spawn(cfg).await.unwrap();
    let app = start_agent(&sim, crate::common::temp_data_dir("no-openid-page"), None).await;
    let client = &app.client;
    let res = begin_agent_sign_in(&app, client).await;
    let first = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    let refused = client.get(first).send().await.unwrap();
    assert_eq!(refused.status(), 302);
    let callback = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(callback.contains("error=invalid_scope"), "{callback}");
    let again = client.get(&callback).send().await.unwrap();
    assert_eq!(again.status(), 303);
    let second = url::Url::parse(again.headers()["location"].to_str().unwrap()).unwrap();
    assert!(
        second.as_str().starts_with(&sim.base_url),
        "back to HaloPSA: {second}"
    );
    let scope = scope_of(&second);
    assert!(!scope.split(' ').any(|s| s == "openid"), "{scope}");
    assert!(scope.split(' ').any(|s| s == "offline_access"), "{scope}");
    let back = approve_as(client, &second, 3).await;
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_owned();
    let done = client.get(&callback).send().await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/clients", "signed in");
    signed_in_as_priya(&app).await;
}

#[tokio::test]
async fn refresh_tokens_that_halopsa_rotates_are_kept_from_one_refresh_to_the_next() {
    // strict: each refresh hands back a new refresh token and revokes the one used
    let cfg = SimConfig {
        strict: true,
        ..SimConfig::default()
    };
    let sim = halo_sim::spawn(cfg).await.unwrap();
    let app = start_agent(&sim, crate::common::temp_data_dir("rotated"), None).await;
    crate::common::agent::agent_sign_in(&app, &sim.base_url, &app.client, 3).await;
    for round in 1..=3 {
        sim.sim.faults().expire_tokens();
        let tokens_before = sim.sim.token_request_count();
        let (status, page) = list(&app, "clients", "").await;
        assert_eq!(status, 200, "round {round}: {page}");
        assert_eq!(
            sim.sim.token_request_count() - tokens_before,
            1,
            "round {round}: one refresh, with the refresh token the last one handed back"
        );
    }
}
