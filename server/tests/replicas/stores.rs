//! What replicas keep together: one HaloPSA budget, each release's assets during a rolling update, saved
//! views and bulk jobs.

use super::cluster::{browser, signed_in_client, Cluster};
use crate::common::{self, cookie_client, list, server_fn_post, sign_in, TEST_PASSWORD, TEST_USER};
use std::time::{Duration, Instant};

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
    let (a, b) = cluster.browsers(&client);
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
    let (a, b) = cluster.browsers(&client);
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
async fn a_data_health_walk_asked_on_both_replicas_at_once_runs_once_and_both_show_it() {
    use crate::common::get_fn;
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &[]).await;
    let client = signed_in_client(&cluster.base(0)).await;
    let (a, b) = cluster.browsers(&client);
    let (on_a, on_b) = tokio::join!(
        get_fn(&a, "get_data_health", &[]),
        get_fn(&b, "get_data_health", &[])
    );
    assert_eq!((on_a.0, on_b.0), (200, 200), "{on_a:?} {on_b:?}");
    let deadline = Instant::now() + Duration::from_secs(60);
    let ready = |v: &serde_json::Value| v.get("Ready").cloned();
    let (from_a, from_b) = loop {
        let (_, va) = get_fn(&a, "get_data_health", &[]).await;
        let (_, vb) = get_fn(&b, "get_data_health", &[]).await;
        if let (Some(ra), Some(rb)) = (ready(&va), ready(&vb)) {
            break (ra, rb);
        }
        assert!(Instant::now() < deadline, "no report: {va} {vb}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(from_a["walked_at"], from_b["walked_at"], "the same report");
    let clients = cluster.sim.sim.count(halo_sim::Entity::Client) as u64;
    let pages = clients.div_ceil(100);
    let read = cluster.sim.sim.requests_to("GET", "/api/Client");
    assert!(
        (pages..=pages + 1).contains(&read),
        "the clients were walked once ({pages} pages), not once per replica: {read} reads"
    );
    let csv = client
        .get(format!("{}/data-health.csv", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status().as_u16(), 200, "B exports the report A walked");
}

#[tokio::test]
#[ignore = "needs redis-server and haproxy: scripts/test.sh runs it"]
async fn one_export_per_person_across_replicas() {
    // a slow budget, so the first export is still being written when the second is asked for
    let env = [("HALO_RATE_LIMIT", "30"), ("HALO_RATE_WINDOW", "10s")];
    let cluster = Cluster::start(halo_sim::SimConfig::default(), &env).await;
    let client = signed_in_client(&cluster.base(0)).await;
    let first = client
        .get(format!("{}/export/sites.csv", cluster.base(0)))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status().as_u16(), 200, "the export through A runs");
    let second = client
        .get(format!("{}/export/sites.csv", cluster.base(1)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        second.status().as_u16(),
        429,
        "B waits for the person's export on A"
    );
    drop(first); // the download is cancelled: A gives the person's slot back
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let again = client
            .get(format!("{}/export/clients.csv", cluster.base(1)))
            .send()
            .await
            .unwrap();
        if again.status().as_u16() == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "B never let the next export start"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
