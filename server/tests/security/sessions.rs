//! Sessions and what they must never leak: the cookie's flags (and over HTTPS its prefix and HSTS), sign-out
//! ending the session on the server, agent sign-in with PKCE, sessions that survive a restart, a private
//! store that holds no token in clear, logs that never hold a secret, and a new password or a removed
//! account ending its sessions.

use crate::*;

#[tokio::test]
async fn the_session_cookie_has_the_right_flags_and_sign_out_ends_it_on_the_server() {
    let (_sim, app) = start().await;
    let client = plain_client();
    let res = common::post_login(
        &app.base,
        &client,
        &[("username", TEST_USER), ("password", TEST_PASSWORD)],
    )
    .await;
    let cookie = session_cookie(&res).expect("a session cookie");
    assert!(
        cookie.starts_with("haloscope_session="),
        "plain name over http: {cookie}"
    );
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "no Secure over http loopback: {cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    let with_cookie = |path: &str| {
        client
            .get(format!("{}{path}", app.base))
            .header("Cookie", pair.clone())
    };
    assert_eq!(with_cookie("/clients").send().await.unwrap().status(), 200);
    let out = client
        .post(format!("{}/logout", app.base))
        .header("Cookie", pair.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    assert_eq!(out.headers()["location"], "/login?signed_out=1");
    // the old cookie is worthless now: the session is gone from the server
    let again = with_cookie("/clients").send().await.unwrap();
    assert_eq!(again.status(), 303, "signed out on the server");
    let lines = common::audit_lines(&app);
    assert!(lines
        .iter()
        .any(|l| l["action"] == "sign_out" && l["who"] == TEST_USER));
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure_and_hsts_is_sent() {
    let (_sim, app) = common::start_with(
        halo_sim::SimConfig::default(),
        &[("HALOSCOPE_PUBLIC_URL", "https://scope.example.com")],
    )
    .await;
    let res = common::post_login(
        &app.base,
        &plain_client(),
        &[("username", TEST_USER), ("password", TEST_PASSWORD)],
    )
    .await;
    let cookie = session_cookie(&res).expect("a session cookie");
    assert!(cookie.starts_with("__Host-haloscope_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
}
#[tokio::test]
async fn agents_sign_in_with_pkce_and_a_revoked_sign_in_sends_them_back_to_sign_in() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    let app = start_agent(&sim, common::temp_data_dir("agent"), None).await;
    let (before, after) = agent_sign_in(&app, &sim.base_url, &app.client, 3).await;
    let id = |c: &str| c.split(';').next().unwrap().to_owned();
    assert_ne!(
        id(&before),
        id(&after),
        "the session id is rotated at sign-in"
    );
    // calls run on the agent's own token: this mode has no app credentials at all
    assert_eq!(list(&app, "clients", "").await.0, 200);
    let (_, info) = server_fn(&app, "get_shell_info", "", "").await;
    assert_eq!(info["user"], "Priya Shah", "{info}");
    let signed_in = common::audit_lines(&app)
        .into_iter()
        .find(|l| l["action"] == "sign_in")
        .unwrap();
    assert_eq!(signed_in["who_kind"], "agent");
    assert_eq!(signed_in["who"], "3");
    // an expired access token is renewed with the refresh token, invisibly
    sim.sim.faults().expire_tokens();
    assert_eq!(list(&app, "clients", "").await.0, 200, "refreshed");
    // HaloPSA revokes the sign-in: the next page goes to the sign-in page, and the session is over
    sim.sim.faults().revoke_tokens();
    let res = common::get(&app, "/clients?q=a").await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/login?next=%2Fclients%3Fq%3Da") && location.ends_with("expired=1"),
        "{location}"
    );
    assert_eq!(list(&app, "clients", "").await.0, 401);
}

#[tokio::test]
async fn a_restart_keeps_people_signed_in() {
    // service mode: a local account
    let (sim, app) = start().await;
    let data_dir = app.data_dir.clone();
    let client = app.client.clone();
    let keep = common::temp_data_dir("keep");
    common::copy_dir(&data_dir, &keep);
    drop(app); // stops the process (and removes its data directory: the copy is what restarts)
    let again = common::launch(&sim, keep, &[], None).await;
    let res = client
        .get(format!("{}/clients", again.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "still signed in after a restart");

    // agent mode: the sealed tokens come back too
    let agent_sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    let dir = common::temp_data_dir("agent-restart");
    let first = start_agent(&agent_sim, dir.clone(), None).await;
    let agent_client = first.client.clone();
    agent_sign_in(&first, &agent_sim.base_url, &agent_client, 2).await;
    let keep = common::temp_data_dir("agent-keep");
    common::copy_dir(&dir, &keep);
    let port = first.base.rsplit(':').next().unwrap().to_owned();
    drop(first);
    // same address (the cookie and the redirect URI belong to it)
    let second = start_agent_on(&agent_sim, keep, &port, None).await;
    assert_eq!(
        common::list(&second_with(&second, &agent_client), "clients", "")
            .await
            .0,
        200
    );
}

fn second_with(app: &Haloscope, client: &reqwest::Client) -> common::Remote {
    common::Remote {
        base: app.base.clone(),
        client: client.clone(),
    }
}

#[tokio::test]
async fn the_session_store_and_key_are_private_and_hold_no_token_in_clear() {
    let sim = halo_sim::spawn(halo_sim::SimConfig::default())
        .await
        .unwrap();
    let dir = common::temp_data_dir("store");
    let app = start_agent(&sim, dir.clone(), None).await;
    agent_sign_in(&app, &sim.base_url, &app.client, 4).await;
    use std::os::unix::fs::PermissionsExt;
    for f in ["sessions.sqlite3", "session.key", "audit.jsonl"] {
        let mode = std::fs::metadata(dir.join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    let dir_mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700);
    let store = std::fs::read(dir.join("sessions.sqlite3")).unwrap();
    let tokens = sim.sim.faults().issued_tokens();
    assert!(!tokens.is_empty());
    for t in tokens {
        assert!(
            !store.windows(t.len()).any(|w| w == t.as_bytes()),
            "a token is stored in clear"
        );
    }
}

#[tokio::test]
async fn logs_never_hold_a_secret_a_password_a_cookie_or_a_token() {
    let secret = "sEcReT-4f9d2c7e-known-to-the-test";
    let sim = halo_sim::spawn(halo_sim::SimConfig {
        client_secret: secret.to_owned(),
        ..halo_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let data_dir = common::temp_data_dir("leak");
    common::add_user(&data_dir, TEST_USER, TEST_PASSWORD);
    let log = std::env::temp_dir().join(format!("haloscope-leak-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let app = common::spawn_app(
        data_dir,
        &[
            ("HALO_URL", &sim.base_url),
            ("HALO_TENANT", halo_sim::DEMO_TENANT),
            ("HALO_CLIENT_ID", halo_sim::DEMO_CLIENT_ID),
            ("HALO_CLIENT_SECRET", secret),
            ("HALO_RATE_LIMIT", "0"),
            ("HALOSCOPE_AUDIT_LOG", "-"),
            ("RUST_LOG", "debug"),
        ],
        Some(&log),
    )
    .await;
    // the sign-in response sets the session cookie: its value must never reach the log
    let res = common::post_login(
        &app.base,
        &app.client,
        &[("username", TEST_USER), ("password", TEST_PASSWORD)],
    )
    .await;
    assert_eq!(res.status().as_u16(), 303, "signed in");
    let cookie = session_cookie(&res).expect("the sign-in sets the session cookie");
    let cookie_value = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, v)| v.to_owned())
        .expect("name=value");
    assert!(cookie_value.len() >= 16, "a real session id: {cookie}");
    let wrong = common::post_login(
        &app.base,
        &plain_client(),
        &[("username", TEST_USER), ("password", "a wrong password")],
    )
    .await;
    assert_eq!(wrong.status().as_u16(), 401, "a wrong password is refused");
    assert_eq!(list(&app, "clients", "").await.0, 200);
    let res = common::get(&app, "/clients/1").await;
    assert_eq!(res.status().as_u16(), 200);
    sim.sim.faults().revoke_tokens();
    assert_eq!(list(&app, "clients", "q=b").await.0, 200, "renewed");
    let (status, body) = common::page(&app, "/sites").await;
    assert_eq!(status, 200);
    assert!(!body.contains(secret));
    drop(app);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("\"action\":\"sign_in\""),
        "the log was captured: {text}"
    );
    let mut forbidden = vec![
        secret.to_owned(),
        TEST_PASSWORD.to_owned(),
        "a wrong password".to_owned(),
    ];
    let tokens = sim.sim.faults().issued_tokens();
    assert!(!tokens.is_empty(), "tokens were issued");
    forbidden.extend(tokens);
    forbidden.push(cookie_value);
    for f in &forbidden {
        assert!(!text.contains(f.as_str()), "the log holds a secret: {f}");
    }
    let _ = std::fs::remove_file(&log);
}

#[tokio::test]
async fn a_new_password_or_a_removed_account_ends_its_sessions() {
    let (_sim, app) = start().await;
    let dir = app.data_dir.to_string_lossy().into_owned();
    assert_eq!(common::page(&app, "/clients").await.0, 200);
    // a new password: sessions signed in before it end
    std::thread::sleep(std::time::Duration::from_millis(1100)); // the change is later than the sign-in
    let out = common::run_to_end(
        &[],
        &["--data-dir", &dir, "user", "passwd", TEST_USER],
        "another long password\n",
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let res = common::get(&app, "/clients").await;
    assert_eq!(res.status(), 303, "signed out by the new password");
    // signing in with the new password works, and removing the account ends that session too
    let fresh = cookie_client();
    common::sign_in(&app.base, &fresh, TEST_USER, "another long password").await;
    assert_eq!(
        common::get(&app.with_client(&fresh), "/clients")
            .await
            .status(),
        200
    );
    let out = common::run_to_end(&[], &["--data-dir", &dir, "user", "remove", TEST_USER], "");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        common::get(&app.with_client(&fresh), "/clients")
            .await
            .status(),
        303,
        "signed out by the removal"
    );
    let ended = common::audit_of(&app, "session_ended");
    assert_eq!(ended.len(), 2, "both ends are audited: {ended:?}");
}
