//! Sessions bound to how they were made, and sign-in limits that a stranger cannot turn into a lockout:
//! against the real binary, with clients on different loopback addresses (`127.0.0.x`).

mod common;

use common::agent::agent_sign_in;
use common::{list, start, Haloscope, TEST_PASSWORD, TEST_USER};
use std::net::IpAddr;

/// A client without cookies, not following redirects, whose connections come from `from`.
fn client_from(from: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(from.parse::<IpAddr>().unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// One password sign-in from `from`; its status.
async fn attempt(app: &Haloscope, from: &str, name: &str, password: &str) -> u16 {
    let form = [("username", name), ("password", password)];
    let res = common::post_login(&app.base, &client_from(from), &form).await;
    let status = res.status().as_u16();
    if status == 429 {
        assert!(res.headers().contains_key("retry-after"), "429 says when");
        let html = res.text().await.unwrap();
        assert!(html.contains("Too many sign-in attempts"), "{html}");
    }
    status
}

#[tokio::test]
async fn a_demo_session_is_ended_by_a_restart_into_service_mode() {
    let port = common::free_port().to_string();
    let listen = format!("127.0.0.1:{port}");
    let dir = common::temp_data_dir("demo-binding");
    let demo = common::spawn_app(dir.clone(), &[("HALOSCOPE_LISTEN", &listen)], None).await;
    let sim_base = format!("{}/_sim", demo.base);
    agent_sign_in(&demo, &sim_base, &demo.client, 2).await;
    assert_eq!(
        list(&demo, "clients", "").await.0,
        200,
        "signed in to the demo"
    );
    let browser = demo.client.clone();
    let keep = common::temp_data_dir("demo-binding-keep");
    common::copy_dir(&dir, &keep);
    drop(demo);

    // the same data folder and address, now in service mode on a tenant
    let tenant = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    let app = common::launch(&tenant, keep, &[("HALOSCOPE_LISTEN", &listen)], None).await;
    let remote = app.with_client(&browser);
    let res = common::get(&remote, "/clients").await;
    assert_eq!(
        res.status().as_u16(),
        303,
        "the demo session is worthless here"
    );
    assert_eq!(res.headers()["location"], "/login?next=%2Fclients");
    assert_eq!(list(&remote, "clients", "").await.0, 401);
    let asked_where_to_sign_in = tenant.sim.requests_to("GET", "/api/authinfo");
    assert_eq!(asked_where_to_sign_in, 1, "start-up's anonymous question");
    assert_eq!(
        tenant.sim.request_count() - asked_where_to_sign_in,
        0,
        "no tenant data was asked for"
    );
    let ended = common::audit_of(&app, "session_ended");
    assert_eq!(ended.len(), 1, "{ended:?}");
    assert!(
        ended[0]["detail"]
            .as_str()
            .unwrap()
            .contains("another sign-in mode or HaloPSA connection"),
        "{ended:?}"
    );
}

#[tokio::test]
async fn a_stranger_guessing_from_one_address_does_not_lock_out_the_real_person() {
    let (_sim, app) = start().await;
    // the attacker: five wrong passwords from one address
    for n in 1..=5 {
        let status = attempt(&app, "127.0.0.2", TEST_USER, "not the password").await;
        assert_eq!(status, 401, "wrong password {n}");
    }
    // then that address is stopped for this account, even with the right password
    assert_eq!(
        attempt(&app, "127.0.0.2", TEST_USER, TEST_PASSWORD).await,
        429
    );
    // the real person, from their own address, gets in
    assert_eq!(
        attempt(&app, "127.0.0.3", TEST_USER, TEST_PASSWORD).await,
        303
    );
    assert_eq!(
        attempt(&app, "127.0.0.1", TEST_USER, TEST_PASSWORD).await,
        303
    );
    // one address guessing many accounts runs into the address's own limit
    let mut statuses = Vec::new();
    for n in 0..21 {
        let name = format!("someone{n}");
        statuses.push(attempt(&app, "127.0.0.4", &name, "guess guess guess").await);
    }
    assert_eq!(statuses[..20], [401; 20], "{statuses:?}");
    assert_eq!(statuses[20], 429, "the 21st failure from one address");
    let lines = common::audit_lines(&app);
    let failed: Vec<_> = lines
        .iter()
        .filter(|l| l["action"] == "sign_in_failed")
        .collect();
    assert!(failed.len() >= 27, "failures are audited: {}", failed.len());
    assert!(failed
        .iter()
        .any(|l| l["ip"] == "127.0.0.2" && l["detail"].as_str().unwrap().contains("this address")));
    assert!(
        !lines
            .iter()
            .any(|l| l.to_string().contains("not the password")),
        "never a password"
    );
}

#[tokio::test]
async fn a_guesser_spread_over_addresses_meets_the_accounts_ceiling() {
    let (_sim, app) = start().await;
    // ten failures from three addresses, none of them over its own per-address limit
    for n in 0..10 {
        let from = format!("127.0.0.{}", 10 + n % 3);
        let status = attempt(&app, &from, TEST_USER, "a guess at the password").await;
        assert_eq!(status, 401, "guess {n} from {from}");
    }
    // now the account waits, whichever address asks, even with the right password
    assert_eq!(
        attempt(&app, "127.0.0.20", TEST_USER, "one more guess here").await,
        429
    );
    assert_eq!(
        attempt(&app, "127.0.0.21", TEST_USER, TEST_PASSWORD).await,
        429
    );
    // other accounts are not affected
    assert_eq!(
        attempt(&app, "127.0.0.20", "somebody-else", "wrong wrong wrong").await,
        401
    );
    let ceiling = common::audit_of(&app, "sign_in_ceiling");
    assert_eq!(
        ceiling.len(),
        1,
        "audited once, when it engaged: {ceiling:?}"
    );
    assert_eq!(ceiling[0]["who"], TEST_USER);
    assert!(
        ceiling[0]["detail"]
            .as_str()
            .unwrap()
            .contains("from 3 addresses"),
        "{ceiling:?}"
    );
}
