//! Token trouble is not a sign-out (issue #16, item 4), over real HTTP against a scripted token
//! endpoint: 429s and 5xx are retried with back-off, only `invalid_grant` asks for a new sign-in,
//! absurd lifetimes are clamped, and concurrent requests of one agent make one refresh call.

mod common;

use std::time::Duration;

use common::{counting_tokens, echo_api, Recorded, Reply};
use halo::client::{ExposeSecret, SecretString, TokenSet};
use halo::query::ClientQuery;
use halo::Error;

fn expired() -> TokenSet {
    common::agent_tokens("old", Some("r0"), true)
}

/// A token endpoint that answers `first` for the first `n` requests, then hands out tokens.
fn troubled(
    n: usize,
    first: (u16, &'static str),
) -> impl Fn(&Recorded, usize) -> Reply + Send + Sync {
    let ok = counting_tokens(3600, Duration::ZERO);
    move |r, i| {
        if i <= n {
            Reply::json(first.0, first.1)
        } else {
            ok(r, i)
        }
    }
}

#[tokio::test]
async fn an_agent_refresh_that_meets_429_and_5xx_is_retried_not_signed_out() {
    for status in [429, 500, 503] {
        let mock = common::spawn(echo_api, troubled(2, (status, r#"{"error":"busy"}"#))).await;
        let agent = mock.gateway().agent_client("a", expired());
        let page = agent.clients().list(&ClientQuery::new()).await;
        assert!(page.is_ok(), "{status}: {page:?}");
        assert_eq!(
            mock.token_requests().len(),
            3,
            "{status}: two refused, one issued"
        );
        let forms: Vec<_> = mock.token_requests().iter().map(|r| r.form()).collect();
        assert!(forms.iter().all(|f| f["grant_type"] == "refresh_token"));
        assert_eq!(
            mock.api_requests()[0].authorization.as_deref(),
            Some("Bearer tok3")
        );
    }
}

/// An expired agent's token check against a token endpoint that always answers `status` `body`,
/// and how many token requests it made.
async fn refresh_refused_with(status: u16, body: &'static str) -> (Error, usize) {
    let mock = common::spawn(echo_api, troubled(99, (status, body))).await;
    let err = mock
        .gateway()
        .agent_client("a", expired())
        .check_token()
        .await
        .unwrap_err();
    (err, mock.token_requests().len())
}

#[tokio::test]
async fn only_invalid_grant_means_sign_in_again() {
    let (err, tries) = refresh_refused_with(503, r#"{"error":"down"}"#).await;
    assert_ne!(
        err,
        Error::SignInRequired,
        "HaloPSA's outage is not a sign-out"
    );
    assert_eq!(err.status_code(), 502, "{err:?}");
    assert!(tries > 1, "it was retried");

    let (err, tries) = refresh_refused_with(400, r#"{"error":"invalid_grant"}"#).await;
    assert_eq!(err, Error::SignInRequired);
    assert_eq!(tries, 1, "a refused grant is not retried");
}

#[tokio::test]
async fn the_code_exchange_is_retried_on_a_5xx() {
    let mock = common::spawn(echo_api, troubled(1, (502, ""))).await;
    let pkce = halo::client::Pkce::generate();
    let set = mock
        .gateway()
        .exchange_code("code", &pkce.verifier, "http://127.0.0.1/cb", "all")
        .await
        .unwrap();
    assert_eq!(set.access_token.expose_secret(), "tok2");
    assert_eq!(mock.token_requests().len(), 2);
}

#[tokio::test]
async fn client_credentials_are_retried_on_a_5xx() {
    let mock = common::spawn(echo_api, troubled(1, (500, r#"{"error":"oops"}"#))).await;
    mock.app().check_token().await.unwrap();
    assert_eq!(mock.token_requests().len(), 2);
    let f = mock.token_requests()[1].form();
    assert_eq!(f["grant_type"], "client_credentials");
}

#[tokio::test]
async fn absurd_lifetimes_are_clamped_never_a_panic() {
    for expires_in in ["-5", "0", "1e13", "\"1e300\""] {
        let body = format!(
            r#"{{"access_token":"t","token_type":"Bearer","expires_in":{expires_in},"refresh_token":"r1"}}"#
        );
        let mock = common::spawn(echo_api, move |_: &Recorded, _| Reply::ok(body.clone())).await;
        let set = mock
            .gateway()
            .refresh(&SecretString::from("r0"))
            .await
            .unwrap_or_else(|e| panic!("{expires_in}: {e:?}"));
        let at = set.expires_at.expect("a lifetime");
        let now = chrono::Utc::now();
        assert!(at > now, "{expires_in}: still usable for a moment");
        assert!(at < now + chrono::Duration::days(367), "{expires_in}: {at}");
    }
}

#[tokio::test]
async fn concurrent_requests_of_one_agent_make_one_refresh_call() {
    let mock = common::spawn(echo_api, counting_tokens(3600, Duration::from_millis(200))).await;
    let agent = mock.gateway().agent_client("a", expired());
    let calls = (0..10).map(|i| {
        let c = agent.clone();
        let q = ClientQuery::new().page_no(i + 1);
        tokio::spawn(async move { c.clients().list(&q).await })
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap().unwrap();
    }
    assert_eq!(mock.token_requests().len(), 1);
    let set = agent.tokens().await.expect("an agent's tokens");
    assert_eq!(
        set.refresh_token.unwrap().expose_secret(),
        "ref1",
        "the rotated refresh token is kept at once"
    );
}
