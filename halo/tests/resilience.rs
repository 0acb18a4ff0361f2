//! Retries, 429 back-off, timeouts, the shared outbound limiter and the read cache, over HTTP.

mod common;

use std::time::Duration;

use common::{counting_tokens, echo_api, Recorded, Reply};
use halo::client::Gateway;
use halo::query::{ClientDetailQuery, ClientQuery, SiteQuery};
use halo::Error;

const RATE_TEXT: &str =
    r#"{"error":"Rate Limit Reached - 300 Requests per rolling 5 minute window"}"#;

fn gaps(reqs: &[Recorded]) -> Vec<Duration> {
    reqs.windows(2).map(|w| w[1].at - w[0].at).collect()
}

#[tokio::test]
async fn a_429_backs_off_doubling_then_succeeds() {
    let api = |_: &Recorded, n| {
        if n <= 2 {
            Reply::json(429, RATE_TEXT)
        } else {
            Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    mock.list_clients().await.unwrap();
    let reqs = mock.api_requests();
    assert_eq!(reqs.len(), 3);
    let g = gaps(&reqs);
    // base 100 ms (5 s in production), doubling
    assert!(g[0] >= Duration::from_millis(100), "{g:?}");
    assert!(g[1] >= Duration::from_millis(200), "{g:?}");
}

#[tokio::test]
async fn a_429_honours_retry_after_and_posts_are_retried_too() {
    let api = |_: &Recorded, n| {
        if n == 1 {
            Reply::json(429, RATE_TEXT).header("retry-after", "1")
        } else {
            Reply::ok(r#"{"id":4}"#)
        }
    };
    let mock = common::spawn_api(api).await;
    let c = mock.app();
    c.clients().update(4, serde_json::Map::new()).await.unwrap();
    let g = gaps(&mock.api_requests());
    assert!(g[0] >= Duration::from_millis(1000), "{g:?}");
}

#[tokio::test]
async fn persistent_429_gives_rate_limited() {
    let mock = common::spawn_api(|_: &Recorded, _| Reply::json(429, RATE_TEXT)).await;
    let e = mock.list_clients().await.unwrap_err();
    assert!(matches!(e, Error::RateLimited { .. }), "{e:?}");
    assert_eq!(e.status_code(), 429);
    assert!(e.to_string().contains("rate limit"));
    assert_eq!(mock.api_requests().len(), 4, "1 try + 3 retries");
}

#[tokio::test]
async fn after_a_429_every_caller_waits_instead_of_hammering() {
    let api = |_: &Recorded, n| {
        if n == 1 {
            Reply::json(429, RATE_TEXT)
        } else {
            Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    let mut cfg = mock.config("paused-app");
    cfg.retry.rate_limit_base = Duration::from_millis(600);
    let gw = Gateway::new(cfg).unwrap();
    gw.app_client().check_token().await.unwrap();
    let a = gw.app_client();
    let first = tokio::spawn(async move { a.clients().list(&ClientQuery::new()).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    // a second caller arriving during the back-off must not go out before it ends
    gw.app_client()
        .sites()
        .list(&SiteQuery::new())
        .await
        .unwrap();
    first.await.unwrap().unwrap();
    let reqs = mock.api_requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs[1..] {
        assert!(
            r.at - reqs[0].at >= Duration::from_millis(590),
            "{} went out {:?} after the 429",
            r.path,
            r.at - reqs[0].at
        );
    }
}

#[tokio::test]
async fn server_errors_retry_gets_but_not_posts() {
    let api = |r: &Recorded, n| {
        if r.method == "POST" || n <= 2 {
            Reply::json(500, "boom")
        } else {
            Reply::ok("[]")
        }
    };
    let mock = common::spawn_api(api).await;
    let c = mock.app();
    c.clients().list(&ClientQuery::new()).await.unwrap();
    assert_eq!(mock.api_requests().len(), 3);
    let err = c.clients().create(&Default::default()).await.unwrap_err();
    assert_eq!(
        err,
        Error::Upstream {
            status: 500,
            excerpt: "boom".into()
        }
    );
    assert_eq!(err.status_code(), 502);
    assert!(
        !err.to_string().contains("boom"),
        "upstream body shown to a person"
    );
    assert_eq!(mock.api_requests().len(), 4, "the POST was sent once");
}

#[tokio::test]
async fn slow_halo_times_out_and_gets_are_retried() {
    let mock = common::spawn(
        |_: &Recorded, _| Reply::ok("[]").delay(Duration::from_millis(800)),
        counting_tokens(3600, Duration::ZERO),
    )
    .await;
    let mut cfg = mock.config("slow");
    cfg.request_timeout = Duration::from_millis(200);
    let c = Gateway::new(cfg).unwrap().app_client();
    let err = c.clients().list(&ClientQuery::new()).await.unwrap_err();
    assert_eq!(err, Error::Timeout);
    assert_eq!(err.status_code(), 504);
    assert_eq!(mock.api_requests().len(), 3);
}

#[tokio::test]
async fn unreachable_halo_is_a_transport_error() {
    let mock = common::spawn_api(echo_api).await;
    let mut cfg = mock.config("gone");
    cfg.api_url = "http://127.0.0.1:9/api".parse().unwrap();
    let err = Gateway::new(cfg)
        .unwrap()
        .app_client()
        .clients()
        .list(&ClientQuery::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(!err.to_string().contains("127.0.0.1"));
}

#[tokio::test]
async fn status_codes_map_to_errors() {
    let api = |r: &Recorded, _| match r.path.as_str() {
        "/api/Client/1" => Reply::json(404, ""),
        "/api/Client/2" => Reply::json(403, ""),
        "/api/Client/3" => Reply::json(400, r#"{"[0].name":["Name is required"]}"#),
        _ => Reply::ok("[]"),
    };
    let mock = common::spawn_api(api).await;
    let c = mock.app();
    let q = ClientDetailQuery::new();
    assert_eq!(c.clients().get(1, &q).await.unwrap_err(), Error::NotFound);
    assert_eq!(c.clients().get(2, &q).await.unwrap_err(), Error::Forbidden);
    let v = c.clients().get(3, &q).await.unwrap_err();
    assert_eq!(
        v,
        Error::Validation {
            message: "[0].name: Name is required".into(),
            fields: vec![halo::FieldError {
                field: "name".into(),
                message: "Name is required".into()
            }],
        }
    );
    assert_eq!(v.status_code(), 422);
}

#[tokio::test]
async fn the_limiter_holds_its_budget_under_concurrent_load_across_all_tokens() {
    let mock = common::spawn_api(echo_api).await;
    let cfg = mock.limited("limited-app", 10, Duration::from_secs(1));
    let gw = Gateway::new(cfg.clone()).unwrap();
    // a second gateway for the same tenant + client id draws from the same budget
    let gw2 = Gateway::new(cfg).unwrap();
    let clients = [
        gw.app_client(),
        gw.agent_client("a1", common::agent_tokens("t-a1", None, false)),
        gw.agent_client("a2", common::agent_tokens("t-a2", None, false)),
        gw2.app_client(),
    ];
    let tasks = (0..32).map(|i| {
        let c = clients[i % 4].clone();
        tokio::spawn(async move {
            c.clients()
                .list(&ClientQuery::new().search(format!("q{i}")))
                .await
        })
    });
    for t in futures::future::join_all(tasks).await {
        t.unwrap().unwrap();
    }
    let times: Vec<_> = mock.api_requests().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 32);
    for (i, start) in times.iter().enumerate() {
        let in_window = times[i..]
            .iter()
            .filter(|t| **t - *start <= Duration::from_secs(1))
            .count();
        assert!(in_window <= 10, "{in_window} requests within one second");
    }
    // 32 requests at 10/s with a burst of 1: at least (32 - 10) / 10 s
    assert!(*times.last().unwrap() - times[0] >= Duration::from_millis(2000));
}

#[tokio::test]
async fn identical_concurrent_gets_share_one_upstream_call_and_writes_invalidate_for_everyone() {
    let api = |r: &Recorded, _| {
        if r.method == "POST" {
            Reply::ok(r#"{"id":5,"name":"new"}"#)
        } else {
            Reply::ok(r#"{"id":5,"name":"cached"}"#).delay(Duration::from_millis(200))
        }
    };
    let mock = common::spawn_api(api).await;
    let mut cfg = mock.config("cached-app");
    cfg.cache_ttl = Duration::from_secs(60);
    let gw = Gateway::new(cfg).unwrap();
    let app = gw.app_client();
    let agent = gw.agent_client("a", common::agent_tokens("t", None, false));
    let q = ClientDetailQuery::new();
    let gets = (0..8).map(|_| {
        let c = app.clone();
        let q = q.clone();
        tokio::spawn(async move { c.clients().get(5, &q).await })
    });
    for g in futures::future::join_all(gets).await {
        assert_eq!(g.unwrap().unwrap().name.as_deref(), Some("cached"));
    }
    agent.clients().get(5, &q).await.unwrap();
    agent.clients().get(5, &q).await.unwrap();
    let gets = |m: &common::Mock| {
        m.api_requests()
            .iter()
            .filter(|r| r.method == "GET")
            .count()
    };
    assert_eq!(
        gets(&mock),
        2,
        "one upstream GET for the app's 8, one for the agent's 2"
    );
    // a write by the app drops the entity's entries for every principal
    app.clients()
        .update(
            5,
            serde_json::json!({"name": "new"})
                .as_object()
                .unwrap()
                .clone(),
        )
        .await
        .unwrap();
    agent.clients().get(5, &q).await.unwrap();
    app.clients().get(5, &q).await.unwrap();
    assert_eq!(gets(&mock), 4);
}

/// Stale-if-error over HTTP: once HaloPSA fails, a read past its TTL is answered with the kept copy and the
/// request's handle says from when and why; a `fresh_only` handle gets the error instead; a 403 is never
/// answered with a kept copy.
#[tokio::test]
async fn a_failing_halopsa_is_answered_with_the_kept_copy_marked_unless_fresh_only() {
    let api = |r: &Recorded, n| match n {
        1 => Reply::ok(r#"{"id":5,"name":"kept"}"#),
        _ if r.path.ends_with("/6") => Reply::json(403, "{}"),
        _ => Reply::json(503, "down for maintenance"),
    };
    let mock = common::spawn(api, counting_tokens(3600, Duration::ZERO)).await;
    let mut cfg = mock.config("stale-app");
    cfg.cache_ttl = Duration::from_millis(100);
    cfg.stale_for = Duration::from_secs(60);
    cfg.retry.max_retries = 0;
    let gw = Gateway::new(cfg).unwrap();
    let q = ClientDetailQuery::new();
    let page = gw.app_client().for_request();
    assert_eq!(
        page.clients().get(5, &q).await.unwrap().name.as_deref(),
        Some("kept")
    );
    assert_eq!(page.served_stale(), None, "a fresh read is not marked");
    tokio::time::sleep(Duration::from_millis(200)).await;

    let page = gw.app_client().for_request();
    let kept = page.clients().get(5, &q).await.unwrap();
    assert_eq!(kept.name.as_deref(), Some("kept"));
    let stale = page
        .served_stale()
        .expect("the answer is marked as an older copy");
    assert!(
        matches!(stale.because, Error::Upstream { status: 503, .. }),
        "{stale:?}"
    );
    assert_eq!(
        gw.app_client().for_request().served_stale(),
        None,
        "each request has its own record"
    );

    let export = gw.app_client().for_request().fresh_only();
    let err = export.clients().get(5, &q).await.unwrap_err();
    assert!(
        matches!(err, Error::Upstream { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(
        gw.app_client().clients().get(6, &q).await.unwrap_err(),
        Error::Forbidden
    );
    assert!(
        mock.api_requests().len() >= 4,
        "each later read asked HaloPSA first"
    );
}

/// Start-up's `/api/authinfo` question: a 5xx is retried after 0.5 s, and the answer that follows is used.
#[tokio::test]
async fn discovery_retries_a_failing_authinfo_and_uses_the_next_answer() {
    use halo::client::discovery::{discover, Discovery};
    let mock = common::spawn_api(|_: &Recorded, n| {
        if n == 1 {
            Reply::json(503, "{}")
        } else {
            Reply::ok(r#"{"auth_url":"https://auth.example.com/auth","tenant_id":"acme"}"#)
        }
    })
    .await;
    let base = url::Url::parse(&mock.base).unwrap();
    let found = discover(&base, Duration::from_secs(5)).await;
    let Discovery::Found(target) = found else {
        panic!("the second answer is used: {found:?}");
    };
    assert_eq!(target.auth_url.as_str(), "https://auth.example.com/auth");
    assert_eq!(target.tenant.as_deref(), Some("acme"));
    let asked = mock.api_requests();
    assert_eq!(asked.len(), 2, "asked once, then once more");
    assert!(asked.iter().all(|r| r.path == "/api/authinfo"), "{asked:?}");
    assert!(
        gaps(&asked)[0] >= Duration::from_millis(450),
        "{:?}",
        gaps(&asked)
    );
}

/// Three failures in a row fall back to `HALO_URL/auth` with the reason, after exactly three attempts.
#[tokio::test]
async fn discovery_falls_back_after_three_failing_attempts() {
    use halo::client::discovery::{discover, Discovery};
    let mock = common::spawn_api(|_: &Recorded, _| Reply::json(502, "{}")).await;
    let base = url::Url::parse(&mock.base).unwrap();
    let Discovery::Fallback { target, why } = discover(&base, Duration::from_secs(5)).await else {
        panic!("a fallback");
    };
    assert_eq!(target.auth_url.as_str(), format!("{}/auth", mock.base));
    assert_eq!(target.tenant, None);
    assert!(why.contains("502"), "{why}");
    assert_eq!(mock.api_requests().len(), 3);
}
