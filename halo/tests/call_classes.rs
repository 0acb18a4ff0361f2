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
