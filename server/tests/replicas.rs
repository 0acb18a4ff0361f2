//! Several replicas on one Redis, for real: `redis-server`, the simulator, two `haloscope` processes and
//! haproxy round-robin without stickiness (see `replicas/cluster.rs`). They need Debian's `redis-server`
//! and `haproxy`, which `scripts/setup.sh test` installs, so `cargo test` skips them and
//! `scripts/test.sh` runs them (`cargo test -p server --test replicas -- --ignored`).

mod common;

mod replicas {
    pub mod cluster;
}

use common::{
    cookie_client, list, page, server_fn_post, sign_in, Remote, TEST_PASSWORD, TEST_USER,
};
use replicas::cluster::Cluster;
use std::time::{Duration, Instant};

/// Signs in through `base`; a client that sends that session's cookie whatever it is told afterwards
/// (a sign-out's cookie removal included), so that a refusal is the server's.
async fn signed_in_client(base: &str) -> reqwest::Client {
    let form = [
        ("username", TEST_USER),
        ("password", TEST_PASSWORD),
        ("next", "/"),
    ];
    let res = common::post_login(base, &common::plain_client(), &form).await;
    assert_eq!(res.status().as_u16(), 303, "signed in");
    let set_cookie = common::agent::session_cookie(&res).expect("a session cookie");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The same browser (one cookie jar) talking to `base`.
fn browser(base: &str, client: &reqwest::Client) -> Remote {
    Remote {
        base: base.to_owned(),
        client: client.clone(),
    }
}

/// Where a page request was sent: 200 signed in, 303 to the sign-in page otherwise.
async fn page_status(to: &Remote, path: &str) -> u16 {
    page(to, path).await.0
}

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
    let (a, b) = (
        browser(&cluster.base(0), &client),
        browser(&cluster.base(1), &client),
    );
    assert_eq!(page_status(&a, "/clients").await, 200, "signed in on A");
    assert_eq!(
        page_status(&b, "/clients").await,
        200,
        "the session made on A holds on B"
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
async fn under_load_on_both_replicas_the_simulator_never_sees_more_than_the_one_budget() {
    // 10 calls per rolling 10 s for the application, however many replicas; the simulator refuses the
    // 12th (one of slack for the time a request spends between the budget and the simulator)
    let sim = halo_sim::SimConfig {
        rate_limit: Some(11),
        rate_window: Duration::from_secs(10),
        ..Default::default()
    };
    let env = [("HALO_RATE_LIMIT", "10"), ("HALO_RATE_WINDOW", "10s")];
    let cluster = Cluster::start(sim, &env).await;
    let client = cookie_client();
    sign_in(&cluster.lb, &client, TEST_USER, TEST_PASSWORD).await;
    let started = cluster.sim.sim.request_count();
    let until = Instant::now() + Duration::from_secs(12);
    // 12 people at once, each search distinct (no shared reads): at most 10 of their first 12 page
    // views can get a call within the 10 s a page may wait, so Haloscope must refuse some itself
    let mut runs = Vec::new();
    for person in 0..12 {
        let to = browser(&cluster.base(person % 2), &client);
        runs.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for n in 0.. {
                if Instant::now() >= until {
                    break;
                }
                let query = format!("q=load{person}x{n}");
                statuses.push(list(&to, "clients", &query).await.0);
            }
            statuses
        }));
    }
    let mut statuses = Vec::new();
    for run in runs {
        statuses.extend(run.await.unwrap());
    }
    let sent = cluster.sim.sim.request_count() - started;
    assert!(!statuses.is_empty());
    assert!(
        statuses.contains(&503),
        "the load was more than the budget, so Haloscope itself refused some: {statuses:?}"
    );
    assert!(sent >= 10, "the budget was used: {sent} calls");
    assert_eq!(
        cluster.sim.sim.rate_refusals(),
        0,
        "the simulator never refused a call for its rate limit ({sent} calls in 12 s)"
    );
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn during_a_rolling_update_each_release_s_bundle_is_found_through_the_load_balancer() {
    // two releases side by side: each has only its own hashed bundle under /pkg/
    let sites = [
        common::temp_data_dir("site-old"),
        common::temp_data_dir("site-new"),
    ];
    for (site, name) in sites
        .iter()
        .zip(["haloscope.old0001.js", "haloscope.new0002.js"])
    {
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        std::fs::write(site.join("pkg").join(name), format!("// {name}")).unwrap();
    }
    let (old, new) = (sites[0].to_string_lossy(), sites[1].to_string_lossy());
    let cluster = Cluster::start_each(
        halo_sim::SimConfig::default(),
        &[],
        [&[("LEPTOS_SITE_ROOT", &old)], &[("LEPTOS_SITE_ROOT", &new)]],
    )
    .await;
    let direct = common::plain_client();
    let missing = direct
        .get(format!("{}/pkg/haloscope.new0002.js", cluster.base(0)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        missing.status().as_u16(),
        404,
        "the old release has no new bundle"
    );
    for name in ["haloscope.old0001.js", "haloscope.new0002.js"] {
        for round in 0..6 {
            let res = direct
                .get(format!("{}/pkg/{name}", cluster.lb))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200, "{name}, request {round}");
            assert_eq!(res.text().await.unwrap(), format!("// {name}"));
        }
    }
    for site in sites {
        let _ = std::fs::remove_dir_all(site);
    }
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn a_view_saved_on_one_replica_is_listed_defaulted_and_deleted_on_the_other() {
    use common::get_fn;
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    let client = signed_in_client(&cluster.base(0)).await;
    let (a, b) = (
        browser(&cluster.base(0), &client),
        browser(&cluster.base(1), &client),
    );
    let list = [("kind", "clients"), ("view", "")];
    let form = |extra: &[(&'static str, &'static str)]| [&list[..], extra].concat();
    let saved = form(&[("name", "Amber"), ("query", "q=amber&status=all")]);
    let (status, outcome, _) = server_fn_post(&a, "save_view", &saved).await;
    assert_eq!(status, 200, "{outcome}");
    let (status, views) = get_fn(&b, "saved_views", &list).await;
    assert_eq!(status, 200, "{views}");
    assert_eq!(
        views.as_array().map(Vec::len),
        Some(1),
        "B lists A's view: {views}"
    );
    assert_eq!(views[0]["name"], "Amber");
    let id = views[0]["id"].as_i64().unwrap().to_string();

    // made the default on B: the bare list on A goes to the view
    let change = |action: &'static str| {
        let mut f = form(&[("action", action), ("back", "")]);
        f.push(("id", id.as_str()));
        f
    };
    let (status, outcome, _) = server_fn_post(&b, "change_view", &change("default")).await;
    assert_eq!(status, 200, "{outcome}");
    let res = client
        .get(format!("{}/clients", a.base))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        302,
        "the bare list on A opens B's default"
    );
    assert_eq!(
        common::location_of(&res).as_deref(),
        Some("/clients?q=amber&status=all")
    );

    // deleted on A: gone on B
    let (status, outcome, _) = server_fn_post(&a, "change_view", &change("delete")).await;
    assert_eq!(status, 200, "{outcome}");
    let (_, views) = get_fn(&b, "saved_views", &list).await;
    assert_eq!(views.as_array().map(Vec::len), Some(0), "{views}");
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn a_job_started_on_one_replica_is_followed_refused_twice_and_cancelled_on_the_other() {
    use common::get_fn;
    // a slow budget, so the job is still running while the other replica looks at it
    let env = [("HALO_RATE_LIMIT", "30"), ("HALO_RATE_WINDOW", "10s")];
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &env).await;
    let client = signed_in_client(&cluster.base(0)).await;
    let (a, b) = (
        browser(&cluster.base(0), &client),
        browser(&cluster.base(1), &client),
    );
    let ids: Vec<String> = cluster.sim.sim.ids(halo_sim::Entity::Client)[..20]
        .iter()
        .map(i64::to_string)
        .collect();
    let ids = ids.join(",");
    let form = [
        ("list", "clients"),
        ("query", ""),
        ("ids", ids.as_str()),
        ("action", "deactivate"),
    ];
    let referer = format!("/bulk?list=clients&query=&ids={ids}");
    let (status, to) = common::post_plain_form(&a, "start_job", &referer, &form).await;
    assert_eq!(status, 302);
    let id = to
        .expect("to the job's page")
        .trim_start_matches("/jobs/")
        .to_owned();

    let (status, seen) = get_fn(&b, "get_job", &[("id", &id)]).await;
    assert_eq!(status, 200, "B reads the job A runs: {seen}");
    assert_eq!(
        seen["running"], true,
        "B sees it running, not interrupted: {seen}"
    );
    let (status, refused, _) = server_fn_post(&b, "start_job", &form).await;
    assert_eq!(
        status, 409,
        "one running job per person across replicas: {refused}"
    );

    let steer = [("id", id.as_str()), ("what", "cancel")];
    let (status, outcome, _) = server_fn_post(&b, "steer_job", &steer).await;
    assert_eq!(status, 200, "cancelled through B: {outcome}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let ended = loop {
        let (_, v) = get_fn(&a, "get_job", &[("id", &id)]).await;
        if v["running"] == false {
            break v;
        }
        assert!(Instant::now() < deadline, "A never stopped the job: {v}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(ended["job"]["state"], "cancelled", "{ended}");
    let (_, from_b) = get_fn(&b, "get_job", &[("id", &id)]).await;
    assert_eq!(
        from_b["running"], false,
        "B sees it stopped at once: {from_b}"
    );
    let pending = ended["job"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["state"] == "pending")
        .count();
    assert!(pending > 0, "it stopped before the end: {ended}");
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
