//! Security against the real binary: every route refuses a request without a session (except the public
//! ones), cross-site writes are refused, cookie flags, headers and the CSP nonce, sign-in limits, agent
//! sign-in with PKCE (session rotation, revoked tokens), sessions that survive a restart, and logs that never
//! hold a secret or token.

mod common;

use common::agent::{agent_sign_in, session_cookie, start_agent, start_agent_on};
use common::{
    cookie_client, list, plain_client, server_fn, start, Haloscope, TEST_PASSWORD, TEST_USER,
};
use serde_json::Value;

/// A concrete path for a route pattern (`{id}` / `:id` → `1`, `{file}` → `clients.csv`).
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|seg| match seg {
            "{file}" => "clients.csv".to_owned(),
            s if s.starts_with('{') || s.starts_with(':') || s.starts_with('*') => "1".to_owned(),
            s => s.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_route_without_a_session_is_refused_except_the_public_ones() {
    let (_sim, app) = start().await;
    let routes = common::routes();
    let count = |kind: &str| routes.iter().filter(|r| r["kind"] == kind).count();
    assert!(
        count("page") >= 27,
        "the pages come from the router: {}",
        count("page")
    );
    // one generic set of read and write functions serves every entity, so the count is small; the
    // generic ones must be there (and so be checked below like every other route)
    assert!(
        count("server_fn") >= 15,
        "the server functions come from the registry: {}",
        count("server_fn")
    );
    for generic in ["/api/list_records", "/api/get_record", "/api/update_record"] {
        assert!(
            routes.iter().any(|r| r["path"] == generic),
            "{generic} is listed"
        );
    }
    assert!(
        count("sim") >= 4,
        "the simulator's routes are listed: {}",
        count("sim")
    );
    // the simulator answers without a session in demo mode only (tests in security_exposure.rs); here,
    // on a tenant, it is not mounted and its paths are refused like any other
    let public_here = |r: &Value| r["public"] == true && r["kind"] != "sim";
    let public: Vec<&str> = routes
        .iter()
        .filter(|r| public_here(r))
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        public,
        [
            "/auth/callback",
            "/healthz",
            "/login",
            "/login",
            "/metrics",
            "/readyz"
        ],
        "exactly these answer without a session"
    );
    let anonymous = plain_client();
    for r in &routes {
        let (method, path, kind) = (
            r["method"].as_str().unwrap(),
            concrete(r["path"].as_str().unwrap()),
            r["kind"].as_str().unwrap(),
        );
        let url = format!("{}{path}", app.base);
        let req = match method {
            "GET" => anonymous.get(&url),
            "POST" => anonymous.post(&url).form(&[("id", "1")]),
            other => anonymous.request(other.parse().unwrap(), &url),
        };
        let res = req
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        if public_here(r) {
            // each public route answers with its own status, never "sign in first"
            let expected = match (method, path.as_str()) {
                ("GET", "/healthz" | "/readyz" | "/login" | "/metrics") => 200,
                // the form carries no user name or password
                ("POST", "/login") => 400,
                // no sign-in in progress: back to the sign-in page with an error
                ("GET", "/auth/callback") => 303,
                _ => panic!("a public route this test does not know: {method} {path}"),
            };
            assert_eq!(status, expected, "{method} {path}");
            if path == "/auth/callback" {
                assert_eq!(location.as_deref(), Some("/login?error=expired"));
            }
            continue;
        }
        if kind == "server_fn" || method != "GET" {
            assert_eq!(status, 401, "{method} {path} without a session");
            let body = res.text().await.unwrap();
            assert!(
                !body.contains("record_count"),
                "{method} {path} leaked data: {body}"
            );
        } else {
            assert_eq!(status, 303, "{method} {path} without a session");
            let location = location.unwrap();
            assert!(location.starts_with("/login"), "{path} → {location}");
        }
    }
    // signed in, the same routes answer (one of each kind)
    assert_eq!(list(&app, "clients", "").await.0, 200);
    let (status, _) = common::page(&app, "/clients").await;
    assert_eq!(status, 200);
    // the redirect keeps where the person was going, as a local path only
    let res = common::get(&app.base, "/clients?q=ab&page=2").await;
    assert_eq!(
        res.headers()["location"],
        "/login?next=%2Fclients%3Fq%3Dab%26page%3D2"
    );
}

#[tokio::test]
async fn sign_in_goes_to_next_and_refuses_an_open_redirect() {
    let (_sim, app) = start().await;
    for (next, lands) in [("/sites?q=a", "/sites?q=a"), ("//evil.example/x", "/")] {
        let res = common::post_login(
            &app.base,
            &cookie_client(),
            &[
                ("username", TEST_USER),
                ("password", TEST_PASSWORD),
                ("next", next),
            ],
        )
        .await;
        assert_eq!(res.headers()["location"], lands, "next={next}");
    }
    // a wrong password: 401, the page says so and keeps the name, no session
    let res = common::post_login(
        &app.base,
        &cookie_client(),
        &[("username", TEST_USER), ("password", "wrong password!")],
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(
        res.headers().get("set-cookie").is_none(),
        "no session for a failed sign-in"
    );
    let html = res.text().await.unwrap();
    assert!(
        html.contains("do not match") && html.contains("value=\"tester\""),
        "{html}"
    );
}

#[tokio::test]
async fn cross_site_writes_are_refused_and_change_nothing() {
    let (sim, app) = start().await;
    let before = sim.sim.count(halo_sim::Entity::Client);
    for (header, value) in [
        ("Origin", "https://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Origin", "null"),
    ] {
        let res = app
            .client
            .post(format!("{}/api/create_record", app.base))
            .header(header, value)
            .form(&[("entity", "clients"), ("fields[name]", "Cross Site Ltd")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{header}: {value}");
    }
    assert_eq!(
        sim.sim.count(halo_sim::Entity::Client),
        before,
        "nothing was created"
    );
    // sign-out and sign-in are state changes too
    let res = app
        .client
        .post(format!("{}/logout", app.base))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(list(&app, "clients", "").await.0, 200, "still signed in");
    // the same request from the same origin goes through
    let res = app
        .client
        .post(format!("{}/api/create_record", app.base))
        .header("Origin", &app.base)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Accept", "application/json")
        .form(&[("entity", "clients"), ("fields[name]", "Same Site Ltd")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(sim.sim.count(halo_sim::Entity::Client), before + 1);
}

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
async fn pages_carry_a_csp_that_allows_their_scripts_and_no_store_and_the_security_headers() {
    let (_sim, app) = start().await;
    let res = common::get(&app, "/clients").await;
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap().to_owned();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(h["cache-control"], "private, no-store");
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS over http"
    );
    let html = res.text().await.unwrap();
    // every inline script on the page is one the policy allows, by its hash (none carries the nonce, which
    // would make each response's bytes differ)
    let scripts = inline_scripts(&html);
    assert!(!scripts.is_empty(), "the boot script is inline");
    for script in &scripts {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
        assert!(
            csp.contains(&format!("'sha256-{hash}'")),
            "{script} is allowed by {csp}"
        );
    }
    assert!(!html.contains(&nonce), "no per-response nonce in the page");
    assert!(!html.contains(" style=\""), "no inline style attributes");
    let second = common::get(&app, "/clients").await;
    assert!(
        !second.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(&nonce),
        "a fresh nonce per response"
    );
    let res = app
        .client
        .get(format!(
            "{}/api/list_records?kind=clients&view=&query=",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["cache-control"],
        "private, no-store",
        "server functions too"
    );
    let login = plain_client()
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    assert!(login.headers().contains_key("content-security-policy"));
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

#[tokio::test]
async fn an_oversized_body_is_refused_before_anything_reads_it() {
    let (sim, app) = start().await;
    let before = sim.sim.count(halo_sim::Entity::Client);
    let huge = "x".repeat(300 * 1024);
    let res = app
        .client
        .post(format!("{}/api/create_record", app.base))
        .header("Accept", "application/json")
        .form(&[("entity", "clients"), ("fields[name]", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(sim.sim.count(halo_sim::Entity::Client), before);
    let res = common::post_login(
        &app.base,
        &plain_client(),
        &[("username", huge.as_str()), ("password", "x")],
    )
    .await;
    assert_eq!(res.status(), 413, "the sign-in form too");
}

/// The text of each inline `<script>` (one without `src`) in `html`.
fn inline_scripts(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|s| s.split_once('>'))
        .filter(|(attrs, _)| !attrs.contains("src="))
        .filter_map(|(_, rest)| {
            rest.split_once("</script>")
                .map(|(body, _)| body.to_owned())
        })
        .collect()
}
