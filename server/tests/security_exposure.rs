//! What Haloscope shows to people who are not signed in, against the real binary: `/metrics` behind a
//! proxy on the same machine, `/readyz` (cached, one word per state), and demo mode (a warning off
//! loopback, the simulator's routes, codes only to the demo app's own callback).

mod common;

use common::plain_client;
use serde_json::Value;
use std::time::Duration;

#[tokio::test]
async fn a_loopback_request_forwarded_by_a_proxy_never_opens_metrics() {
    let (_sim, app) = common::start().await;
    let metrics = format!("{}/metrics", app.base);
    let res = plain_client().get(&metrics).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "straight from this machine");
    for (header, value) in [
        ("X-Forwarded-For", "203.0.113.9"),
        ("Forwarded", "for=203.0.113.9;proto=https"),
        ("X-Real-IP", "203.0.113.9"),
    ] {
        let res = plain_client()
            .get(&metrics)
            .header(header, value)
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            403,
            "{header}: a proxy on this machine forwarding for someone else"
        );
    }
}

#[tokio::test]
async fn readyz_checks_halopsa_at_most_once_a_few_seconds_and_answers_one_word() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    let secret = "a-wrong-secret-whose-error-text-must-not-show";
    let app = common::spawn_app(
        common::temp_data_dir("readyz"),
        &[
            ("HALO_URL", &sim.base_url),
            ("HALO_TENANT", halo_sim::DEMO_TENANT),
            ("HALO_CLIENT_ID", halo_sim::DEMO_CLIENT_ID),
            ("HALO_CLIENT_SECRET", secret),
        ],
        None,
    )
    .await;
    let before = sim.sim.token_request_count();
    let ask = || async {
        let res = plain_client()
            .get(format!("{}/readyz", app.base))
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    };
    let answers = futures::future::join_all((0..20).map(|_| ask())).await;
    assert_eq!(answers.len(), 20);
    for (status, body) in &answers {
        assert_eq!(*status, 503);
        assert_eq!(body, "unreachable", "one fixed word, never HaloPSA's text");
    }
    assert_eq!(
        sim.sim.token_request_count() - before,
        1,
        "twenty anonymous callers, one upstream check"
    );
    tokio::time::sleep(Duration::from_millis(5_300)).await;
    assert_eq!(ask().await, (503, "unreachable".to_owned()));
    assert_eq!(
        sim.sim.token_request_count() - before,
        2,
        "checked again once the answer is a few seconds old"
    );
}

#[tokio::test]
async fn demo_mode_off_loopback_warns_and_its_simulator_sends_codes_only_home() {
    let port = common::free_port();
    let log = std::env::temp_dir().join(format!("haloscope-demo-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let app = common::spawn_app(
        common::temp_data_dir("demo-open"),
        &[("HALOSCOPE_LISTEN", &format!("0.0.0.0:{port}"))],
        Some(&log),
    )
    .await;
    // every simulator route `haloscope routes` lists answers here without a session (the simulator's
    // own answers, not the gate's)
    let sim_routes: Vec<Value> = common::routes()
        .into_iter()
        .filter(|r| r["kind"] == "sim")
        .collect();
    assert!(sim_routes.len() >= 4, "{sim_routes:?}");
    for r in &sim_routes {
        let (method, path) = (r["method"].as_str().unwrap(), r["path"].as_str().unwrap());
        assert_eq!(r["public"], true, "{path}");
        let url = format!("{}{}", app.base, path.replace("{*rest}", "Client"));
        let res = match method {
            "GET" => plain_client().get(&url),
            "POST" => plain_client().post(&url).form(&[("x", "1")]),
            other => panic!("unexpected method {other}"),
        }
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
        let expected = match (method, path) {
            // no token: the simulator's resource server refuses
            (_, "/_sim/api/{*rest}") => 401,
            // no client id, tenant or grant: the simulator's authorisation server refuses
            _ => 400,
        };
        assert_eq!(res.status().as_u16(), expected, "{method} {path}");
        assert!(res.headers().get("location").is_none(), "{method} {path}");
    }
    // the approve link sends a code only to this server's own callback
    let approve = |redirect: &str| {
        url::Url::parse_with_params(
            &format!("{}/_sim/auth/approve", app.base),
            &[
                ("tenant", halo_sim::DEMO_TENANT),
                ("response_type", "code"),
                ("client_id", halo_sim::DEMO_CLIENT_ID),
                ("redirect_uri", redirect),
                ("scope", "all offline_access"),
                ("agent_id", "2"),
            ],
        )
        .unwrap()
    };
    let res = plain_client()
        .get(approve("https://evil.example/auth/callback"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(
        res.headers().get("location").is_none(),
        "no code for a stranger"
    );
    let home = format!("{}/auth/callback", app.base);
    let res = plain_client().get(approve(&home)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{home}?code=")), "{location}");
    drop(app);
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_file(&log);
    assert!(
        text.contains("demo mode is listening on 0.0.0.0")
            && text.contains("anyone who can reach it can sign in as any demo agent"),
        "{text}"
    );
}
