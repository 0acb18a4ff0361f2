//! The two classes of upstream calls over HTTP: page views keep their reserve while background
//! work runs, background calls use the same credentials, and no call waits for the limiter past
//! its budget.

mod common;

use std::time::{Duration, Instant};

use common::echo_api;
use halo::client::{CallClass, Gateway};
use halo::query::ClientQuery;
use halo::Error;

#[tokio::test]
async fn a_limiter_wait_longer_than_the_request_budget_answers_rate_limited_at_once() {
    let mock = common::spawn_api(echo_api).await;
    // 10 per minute: a burst of 1, then one every 6.7 s
    let mut cfg = mock.limited("budget-wait-app", 10, Duration::from_secs(60));
    cfg.request_budget = Some(Duration::from_secs(2));
    let halo = Gateway::new(cfg).unwrap().app_client();
    halo.clients().list(&ClientQuery::new()).await.unwrap();
    let started = Instant::now();
    let err = halo.clients().list(&ClientQuery::new()).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "answered at once, not after the limiter's wait: {:?}",
        started.elapsed()
    );
    let Error::RateLimited { retry_after_secs } = err else {
        panic!("expected RateLimited, got {err:?}");
    };
    assert!(
        retry_after_secs.is_some_and(|s| (3..=7).contains(&s)),
        "{retry_after_secs:?}"
    );
    assert_eq!(
        mock.api_requests().len(),
        1,
        "the refused call sent nothing"
    );
}

#[tokio::test]
async fn background_calls_leave_page_views_their_reserve_and_use_the_same_token() {
    let mock = common::spawn_api(echo_api).await;
    let mut cfg = mock.config("classes-app");
    // 30 per 5 minutes: a burst of 3; background work may take only one of them
    cfg.rate_limit = 30;
    cfg.request_budget = Some(Duration::from_secs(10));
    cfg.background_budget = Duration::from_secs(1);
    let page_views = Gateway::new(cfg).unwrap().app_client();
    let export = page_views.background();
    assert_eq!(export.class(), CallClass::Background);
    assert_eq!(export.principal(), page_views.principal());

    export.clients().list(&ClientQuery::new()).await.unwrap();
    let err = export
        .clients()
        .list(&ClientQuery::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { .. }),
        "the second background call would eat into the reserve: {err:?}"
    );
    for n in 0..2 {
        let started = Instant::now();
        page_views
            .clients()
            .list(&ClientQuery::new())
            .await
            .unwrap();
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "page view {n} waited {:?}",
            started.elapsed()
        );
    }
    let sent = mock.api_requests();
    assert_eq!(sent.len(), 3, "one background call and two page views");
    let auth: Vec<String> = sent
        .iter()
        .map(|r| r.authorization.clone().unwrap_or_default())
        .collect();
    assert!(auth[0].starts_with("Bearer "), "{auth:?}");
    assert!(
        auth.iter().all(|a| a == &auth[0]),
        "background work runs on the caller's own token: {auth:?}"
    );
}

#[tokio::test]
async fn optional_reads_give_way_to_a_rate_limit_instead_of_adding_calls() {
    let api = |_: &common::Recorded, n| {
        if n == 1 {
            // within the wait Haloscope would otherwise retry through (rate_limit_max 2 s)
            common::Reply::json(429, "{}").header("retry-after", "1")
        } else {
            common::Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    let gw = Gateway::new(mock.config("optional-app")).unwrap();
    gw.app_client().check_token().await.unwrap();
    let optional = gw.app_client().background().optional();
    let started = Instant::now();
    let first = optional.clients().list(&ClientQuery::new()).await;
    assert!(matches!(first, Err(Error::RateLimited { .. })), "{first:?}");
    // the 429 paused every caller; an optional read during the pause is not made at all
    let second = optional.clients().list(&ClientQuery::new()).await;
    assert!(
        matches!(second, Err(Error::RateLimited { .. })),
        "{second:?}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "neither waited: {:?}",
        started.elapsed()
    );
    assert_eq!(mock.api_requests().len(), 1, "one call, not retried");
}

#[tokio::test]
async fn a_retry_after_longer_than_haloscope_retries_through_still_pauses_every_caller() {
    let api = |_: &common::Recorded, n| {
        if n == 1 {
            common::Reply::json(429, "{}").header("retry-after", "30")
        } else {
            common::Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    let mut cfg = mock.config("long-pause-app");
    cfg.request_budget = Some(Duration::from_secs(5));
    let gw = Gateway::new(cfg).unwrap();
    gw.app_client().check_token().await.unwrap();
    let first = gw.app_client().clients().list(&ClientQuery::new()).await;
    assert!(matches!(first, Err(Error::RateLimited { .. })), "{first:?}");
    let second = gw.app_client().clients().list(&ClientQuery::new()).await;
    let Err(Error::RateLimited { retry_after_secs }) = second else {
        panic!("expected RateLimited, got {second:?}");
    };
    assert!(
        retry_after_secs.is_some_and(|s| (25..=30).contains(&s)),
        "{retry_after_secs:?}"
    );
    assert_eq!(mock.api_requests().len(), 1, "the second read was not made");
}
