//! Who is signed in across replicas: one session everywhere, one sign-out everywhere, one app token, one
//! refresh of a rotating refresh token, one sign-in limit; a replica or Redis going away.

use super::cluster::{browser, page_status, signed_in_client, Cluster};
use crate::common::{
    self, cookie_client, list, page, server_fn_post, sign_in, TEST_PASSWORD, TEST_USER,
};
use std::time::{Duration, Instant};

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn a_session_and_a_write_on_one_replica_hold_on_the_other_and_a_sign_out_ends_both() {
    // a long cache: without invalidation across replicas, B would keep answering its old read
    let cluster = Cluster::start(
        halo_sim::SimConfig::default(),
        &[("HALOSCOPE_CACHE_TTL", "300")],
    )
    .await;
    let client = signed_in_client(&cluster.base(0)).await;
    let (a, b) = cluster.browsers(&client);
    assert_eq!(page_status(&a, "/clients").await, 200, "signed in on A");
    assert_eq!(
        page_status(&b, "/clients").await,
        200,
        "the session made on A holds on B"
    );
    assert_eq!(
        cluster.sim.sim.token_request_count(),
        1,
        "one app token for both replicas: B used the one A asked for"
    );

    // B reads (and caches) a search with no match; A creates a match; B's next read shows it
    let name = "Replica Coherence Ltd";
    let query = format!("q={}", name.replace(' ', "+"));
    let (status, before) = list(&b, "clients", &query).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["rows"].as_array().map(Vec::len), Some(0), "{before}");
    let form = [("entity", "clients"), ("fields[name]", name)];
    let (status, outcome, _) = server_fn_post(&a, "create_record", &form).await;
    assert_eq!(status, 200, "{outcome}");
    let (status, after) = list(&b, "clients", &query).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(
        after["rows"].as_array().map(Vec::len),
        Some(1),
        "B shows A's write at once: {after}"
    );

    // signed out through B: A refuses the same cookie at once
    let res = client
        .post(format!("{}/logout", b.base))
        .header("Origin", &b.base)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        303,
        "sign-out answers with a redirect"
    );
    assert_eq!(
        page_status(&a, "/clients").await,
        303,
        "A sends a signed-out person to sign in"
    );
    assert_eq!(page_status(&b, "/clients").await, 303);
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn killing_one_replica_loses_no_session_and_the_other_keeps_serving() {
    let mut cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    let client = cookie_client();
    let lb = browser(&cluster.lb, &client);
    sign_in(&cluster.lb, &client, TEST_USER, TEST_PASSWORD).await;
    let load = {
        let lb = lb.clone();
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            let until = Instant::now() + Duration::from_secs(4);
            while Instant::now() < until {
                statuses.push(page_status(&lb, "/clients").await);
            }
            statuses
        })
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    cluster.replicas[0] = None; // killed mid-run
    let statuses = load.await.unwrap();
    assert!(statuses.len() >= 4, "the run made requests: {statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every page through haproxy was served, signed in: {statuses:?}"
    );
    assert_eq!(
        page_status(&browser(&cluster.base(1), &client), "/clients").await,
        200
    );
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn with_redis_down_pages_answer_503_with_a_message_and_recover_when_it_is_back() {
    let mut cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    let client = cookie_client();
    sign_in(&cluster.lb, &client, TEST_USER, TEST_PASSWORD).await;
    let a = browser(&cluster.base(0), &client);
    assert_eq!(page_status(&a, "/clients").await, 200);

    cluster.redis.stop();
    let (status, body) = page(&a, "/clients").await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("cannot reach its shared store (Redis)"),
        "{body}"
    );
    let (status, body) = list(&a, "clients", "").await;
    assert_eq!(status, 503, "a server function says so too: {body}");
    let probe = reqwest::get(format!("{}/healthz", a.base)).await.unwrap();
    assert_eq!(
        probe.status().as_u16(),
        200,
        "/healthz does not depend on Redis"
    );
    let ready = reqwest::get(format!("{}/readyz", a.base)).await.unwrap();
    assert_eq!(ready.status().as_u16(), 503);
    assert_eq!(ready.text().await.unwrap(), "redis-unreachable");

    cluster.redis.resume();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = 0;
    while Instant::now() < deadline {
        last = page_status(&a, "/clients").await;
        if last == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        last, 200,
        "the same session serves again once Redis is back, without a restart"
    );
    let ready = reqwest::get(format!("{}/readyz", a.base)).await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn wrong_passwords_spread_over_both_replicas_meet_one_limit() {
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    let wrong = [
        ("username", TEST_USER),
        ("password", "wrong"),
        ("next", "/"),
    ];
    // five failures for the account from this address: alternately through A and B
    for i in 0..5 {
        let res = common::post_login(&cluster.base(i % 2), &common::plain_client(), &wrong).await;
        assert_eq!(
            res.status().as_u16(),
            401,
            "failure {i} is counted, not refused yet"
        );
    }
    // one replica alone has seen only two or three: the limit is the replicas' together
    for base in [cluster.base(0), cluster.base(1)] {
        let right = [
            ("username", TEST_USER),
            ("password", TEST_PASSWORD),
            ("next", "/"),
        ];
        let res = common::post_login(&base, &common::plain_client(), &right).await;
        assert_eq!(
            res.status().as_u16(),
            429,
            "{base} refuses before checking the password"
        );
        assert!(res.headers().contains_key("retry-after"));
    }
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn an_agents_rotating_refresh_token_is_spent_once_when_both_replicas_need_it_at_once() {
    // tokens that are always due for renewal, and a HaloPSA that revokes a refresh token once used: two
    // replicas refreshing the same one would sign the person out
    let sim = halo_sim::SimConfig {
        strict: true,
        token_ttl: Duration::from_secs(2),
        ..Default::default()
    };
    let ports = [common::free_port(), common::free_port()];
    let listen = ports.map(|p| format!("127.0.0.1:{p}"));
    let public = ports.map(|p| format!("http://127.0.0.1:{p}"));
    let each: [Vec<(&str, &str)>; 2] = [0, 1].map(|i| {
        vec![
            ("HALOSCOPE_LISTEN", listen[i].as_str()),
            ("HALOSCOPE_PUBLIC_URL", public[i].as_str()),
        ]
    });
    let cluster = Cluster::start_each(
        sim,
        &[("HALO_AUTH_MODE", "agent")],
        [each[0].as_slice(), each[1].as_slice()],
    )
    .await;
    let first = cluster.replicas[0].as_ref().expect("replica A");
    common::agent::agent_sign_in(first, &cluster.sim.base_url, &first.client, 2).await;
    let (a, b) = cluster.browsers(&first.client);
    let before = cluster.sim.sim.token_request_count();
    for round in 0..6 {
        let (on_a, on_b) = tokio::join!(list(&a, "clients", ""), list(&b, "clients", ""));
        assert_eq!((on_a.0, on_b.0), (200, 200), "round {round}");
    }
    let refreshes = cluster.sim.sim.token_request_count() - before;
    assert!(
        refreshes >= 6,
        "the tokens were refreshed all along: {refreshes}"
    );
    assert_eq!(page_status(&b, "/clients").await, 200, "still signed in");
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn a_message_after_a_form_on_one_replica_is_shown_once_on_the_other() {
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    // the one users file serves both replicas: signing in through B works as through A
    let client = signed_in_client(&cluster.base(1)).await;
    let (a, b) = cluster.browsers(&client);
    let form = [
        ("kind", "clients"),
        ("view", ""),
        ("name", "Once only"),
        ("query", "q=amber"),
    ];
    let (status, to) = common::post_plain_form(&a, "save_view", "/clients?q=amber", &form).await;
    assert_eq!(
        status, 302,
        "a form without JavaScript goes back to the list"
    );
    let to = to.expect("where the form goes back to");
    let (status, shown) = page(&b, &to).await;
    assert_eq!(status, 200);
    assert!(
        shown.contains("Saved the view"),
        "B shows the message A left: {to}"
    );
    let (status, again) = page(&a, &to).await;
    assert_eq!(status, 200);
    assert!(
        !again.contains("Saved the view"),
        "read once: A does not show it again"
    );
}
