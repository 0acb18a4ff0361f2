//! Tokens over real HTTP: one token request shared by concurrent callers, renewal before
//! expiry, one retry after a 401, the agent grants, and no secret in any output.

mod common;

use std::time::Duration;

use common::{counting_tokens, echo_api, Reply};
use halo::client::{ExposeSecret, Pkce, SecretString};
use halo::query::ClientQuery;
use halo::Error;

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let mock = common::spawn(echo_api, counting_tokens(3600, Duration::from_millis(300))).await;
    let gw = mock.gateway();
    let calls = (0..20).map(|_| {
        let c = gw.app_client();
        tokio::spawn(async move { c.clients().list(&ClientQuery::new()).await })
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap().unwrap();
    }
    assert_eq!(mock.token_requests().len(), 1);
    let api = mock.api_requests();
    assert_eq!(api.len(), 20);
    assert!(api
        .iter()
        .all(|r| r.authorization.as_deref() == Some("Bearer tok1")));
}

#[tokio::test]
async fn client_credentials_request_has_the_documented_shape() {
    let mock = common::spawn_api(echo_api).await;
    mock.app().check_token().await.unwrap();
    let t = &mock.token_requests()[0];
    assert_eq!(t.method, "POST");
    assert_eq!(t.path, "/auth/token");
    assert_eq!(t.query, "tenant=demo");
    assert_eq!(
        t.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let f = t.form();
    assert_eq!(f["grant_type"], "client_credentials");
    assert_eq!(f["client_id"], "test-client");
    assert_eq!(f["client_secret"], "s3cret-value-123");
    assert_eq!(f["scope"], "all");
}

#[tokio::test]
async fn token_is_renewed_before_it_expires() {
    // 62 s lifetime, renewed 60 s before expiry: still valid after 2.5 s, yet replaced
    let mock = common::spawn(echo_api, counting_tokens(62, Duration::ZERO)).await;
    let c = mock.app();
    c.clients().list(&ClientQuery::new()).await.unwrap();
    c.clients().list(&ClientQuery::new()).await.unwrap();
    assert_eq!(mock.token_requests().len(), 1, "a fresh token is reused");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    c.clients().list(&ClientQuery::new()).await.unwrap();
    assert_eq!(mock.token_requests().len(), 2);
    let auth: Vec<_> = mock
        .api_requests()
        .into_iter()
        .map(|r| r.authorization.unwrap())
        .collect();
    assert_eq!(auth, vec!["Bearer tok1", "Bearer tok1", "Bearer tok2"]);
}

#[tokio::test]
async fn a_401_gets_a_new_token_and_retries_once() {
    let api = |r: &common::Recorded, _| {
        if r.authorization.as_deref() == Some("Bearer tok1") {
            Reply::json(401, "")
        } else {
            Reply::ok(r#"{"record_count":1,"clients":[{"id":1,"name":"A"}]}"#)
        }
    };
    let mock = common::spawn_api(api).await;
    let page = mock.list_clients().await.unwrap();
    assert_eq!(page.items[0].name.as_deref(), Some("A"));
    assert_eq!(mock.token_requests().len(), 2);
    assert_eq!(mock.api_requests().len(), 2);
}

#[tokio::test]
async fn a_second_401_is_an_error_not_a_loop() {
    let mock = common::spawn_api(|_: &common::Recorded, _| Reply::json(401, "")).await;
    let err = mock.list_clients().await.unwrap_err();
    assert_eq!(err, Error::Unauthorized);
    assert_eq!(err.status_code(), 401);
    assert_eq!(mock.api_requests().len(), 2);
    assert_eq!(mock.token_requests().len(), 2);
}

#[tokio::test]
async fn bad_credentials_say_so_without_the_secret() {
    let mock = common::spawn_refusing_tokens(401, r#"{"error":"invalid_client"}"#).await;
    let gw = mock.gateway();
    let c = gw.app_client();
    let err = c.check_token().await.unwrap_err();
    assert_eq!(err, Error::Unauthorized);
    for text in [
        err.to_string(),
        format!("{err:?}"),
        format!("{gw:?}"),
        format!("{c:?}"),
        format!("{:?}", gw.config()),
    ] {
        assert!(!text.contains("s3cret-value-123"), "secret leaked: {text}");
    }
}

#[tokio::test]
async fn agent_token_is_refreshed_with_the_refresh_grant_and_exposed_for_the_session() {
    let mock = common::spawn_api(echo_api).await;
    let gw = mock.gateway();
    let expired = common::agent_tokens("old-access", Some("old-refresh"), true);
    let agent = gw.agent_client("agent-7", expired);
    agent.clients().list(&ClientQuery::new()).await.unwrap();
    let t = &mock.token_requests()[0];
    let f = t.form();
    assert_eq!(f["grant_type"], "refresh_token");
    assert_eq!(f["refresh_token"], "old-refresh");
    assert_eq!(f["client_id"], "test-client");
    assert_eq!(
        mock.api_requests()[0].authorization.as_deref(),
        Some("Bearer tok1")
    );
    let now = agent.tokens().await.unwrap();
    assert_eq!(now.access_token.expose_secret(), "tok1");
    assert_eq!(now.refresh_token.as_ref().unwrap().expose_secret(), "ref1");
    assert!(!format!("{now:?}").contains("tok1"));
}

#[tokio::test]
async fn agent_401_refreshes_once_then_retries() {
    let api = |r: &common::Recorded, _| {
        if r.authorization.as_deref() == Some("Bearer revoked") {
            Reply::json(401, "")
        } else {
            Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    let set = common::agent_tokens("revoked", Some("r"), false);
    let agent = mock.gateway().agent_client("a", set);
    agent
        .organisations()
        .list(&Default::default())
        .await
        .unwrap();
    assert_eq!(mock.api_requests().len(), 2);
    assert_eq!(mock.token_requests().len(), 1);
}

#[tokio::test]
async fn failed_agent_refresh_means_sign_in_again() {
    let mock = common::spawn_refusing_tokens(400, r#"{"error":"invalid_grant"}"#).await;
    let gw = mock.gateway();
    let expired = common::agent_tokens("a", Some("r"), true);
    let err = gw
        .agent_client("x", expired)
        .clients()
        .list(&ClientQuery::new())
        .await
        .unwrap_err();
    assert_eq!(err, Error::SignInRequired);
    assert_eq!(err.status_code(), 401);
    assert!(err.to_string().contains("sign in again"));
    let no_refresh = common::agent_tokens("a", None, true);
    let err = gw
        .agent_client("y", no_refresh)
        .check_token()
        .await
        .unwrap_err();
    assert_eq!(err, Error::SignInRequired);
    assert!(mock.api_requests().is_empty());
}

#[tokio::test]
async fn authorization_code_exchange_sends_the_pkce_verifier() {
    let mock = common::spawn_api(echo_api).await;
    let gw = mock.gateway();
    let pkce = Pkce::generate();
    let set = gw
        .exchange_code(
            "the-code",
            &pkce.verifier,
            "http://127.0.0.1/cb",
            "all offline_access",
        )
        .await
        .unwrap();
    assert_eq!(set.access_token.expose_secret(), "tok1");
    assert!(set.expires_at.is_some());
    let f = mock.token_requests()[0].form();
    assert_eq!(f["grant_type"], "authorization_code");
    assert_eq!(f["code"], "the-code");
    assert_eq!(f["code_verifier"], pkce.verifier.expose_secret());
    assert_eq!(f["redirect_uri"], "http://127.0.0.1/cb");
    assert_eq!(f["scope"], "all offline_access");
    let set = gw.refresh(&SecretString::from("ref1")).await.unwrap();
    assert_eq!(set.access_token.expose_secret(), "tok2");
}
