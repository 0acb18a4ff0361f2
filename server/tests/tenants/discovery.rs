//! Discovery and on-premise HaloPSA (issue #16, item 8), through the real binary against the simulator:
//! with only `HALO_URL`, start-up asks `HALO_URL/api/authinfo` for the authorisation server and tenant;
//! an install that does not answer it is signed in to at `HALO_URL/auth`; an on-premise install (no
//! tenants: its token endpoint refuses a `tenant`) works; a HaloPSA on `http://` to another machine is
//! refused unless `HALO_ALLOW_HTTP` says it is meant.

use crate::common::{
    add_user, column, list, run_to_end, sign_in, spawn_app, temp_data_dir, Haloscope,
    TEST_PASSWORD, TEST_USER,
};
use halo_sim::{RunningSim, SimConfig};

/// The simulator with `cfg` and haloscope in service mode given only `HALO_URL`, the app's credentials
/// and `env`: no `HALO_AUTH_URL`, and no `HALO_TENANT` unless `env` has it.
async fn only_halo_url(cfg: SimConfig, env: &[(&str, &str)]) -> (RunningSim, Haloscope) {
    let sim = halo_sim::spawn(cfg).await.expect("simulator starts");
    let data_dir = temp_data_dir("discovery");
    add_user(&data_dir, TEST_USER, TEST_PASSWORD);
    let mut all: Vec<(&str, &str)> = vec![
        ("HALO_URL", &sim.base_url),
        ("HALO_CLIENT_ID", halo_sim::DEMO_CLIENT_ID),
        ("HALO_CLIENT_SECRET", halo_sim::DEMO_CLIENT_SECRET),
        ("HALO_RATE_LIMIT", "0"),
        ("HALOSCOPE_CACHE_TTL", "0"),
    ];
    all.extend_from_slice(env);
    let app = spawn_app(data_dir, &all, None).await;
    sign_in(&app.base, &app.client, TEST_USER, TEST_PASSWORD).await;
    (sim, app)
}

/// The clients list answers with rows: the app's token request was accepted by the simulator, which
/// refuses a missing or wrong tenant (hosted) and any tenant at all (on premise).
async fn clients_listed(app: &Haloscope) {
    let (status, page) = list(app, "clients", "").await;
    assert_eq!(status, 200, "{page}");
    assert!(!column(&page, 0).is_empty(), "rows: {page}");
}

#[tokio::test]
async fn with_only_halo_url_the_tenant_and_auth_server_come_from_authinfo() {
    let cfg = SimConfig {
        tenant: "northbeam-msp".into(),
        ..SimConfig::default()
    };
    let (sim, app) = only_halo_url(cfg, &[]).await;
    clients_listed(&app).await;
    assert_eq!(
        sim.sim.requests_to("GET", "/api/authinfo"),
        1,
        "asked once, at start-up"
    );
    assert!(sim.sim.token_request_count() >= 1);
}

#[tokio::test]
async fn an_on_premise_install_is_signed_in_to_without_a_tenant() {
    let cfg = SimConfig {
        on_premise: true,
        ..SimConfig::default()
    };
    let (sim, app) = only_halo_url(cfg, &[]).await;
    clients_listed(&app).await;
    assert_eq!(sim.sim.requests_to("GET", "/api/authinfo"), 1);
}

#[tokio::test]
async fn an_install_without_authinfo_is_signed_in_to_at_halo_url_auth() {
    let on_premise = SimConfig {
        on_premise: true,
        authinfo: false,
        ..SimConfig::default()
    };
    let (sim, app) = only_halo_url(on_premise, &[]).await;
    clients_listed(&app).await;
    assert_eq!(
        sim.sim.requests_to("GET", "/api/authinfo"),
        1,
        "a 404 is not retried"
    );

    let hosted = SimConfig {
        authinfo: false,
        ..SimConfig::default()
    };
    let (_sim, app) = only_halo_url(hosted, &[("HALO_TENANT", halo_sim::DEMO_TENANT)]).await;
    clients_listed(&app).await;
}

#[test]
fn a_clear_text_halopsa_on_another_machine_is_refused_at_start_unless_allowed() {
    let env = [
        ("HALO_URL", "http://halo.example.com"),
        ("HALO_CLIENT_ID", "id"),
        ("HALO_CLIENT_SECRET", "s3cret"),
    ];
    let run = run_to_end(&env, &[], "");
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("HALO_URL: "), "{}", run.stderr);
    assert!(
        run.stderr.contains("HALO_ALLOW_HTTP=true"),
        "{}",
        run.stderr
    );
}
