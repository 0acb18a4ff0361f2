//! The settings' resolution: defaults, demo mode, tenants, and (in `declared`) every declared setting set by
//! flag, environment and file.

mod declared;

use super::*;
use clap::Parser;
use secrecy::ExposeSecret;

fn resolve(args: &[&str]) -> Result<Settings, StartupError> {
    let mut argv = vec!["haloscope"];
    argv.extend_from_slice(args);
    Settings::resolve(Cli::try_parse_from(argv).unwrap(), &[])
}

#[test]
fn session_lifetimes_default_and_the_longest_is_not_shorter_than_idle() {
    let s = resolve(&[]).unwrap();
    assert_eq!(s.sessions.idle, Duration::from_secs(8 * 3600));
    assert_eq!(s.sessions.max, Duration::from_secs(7 * 86_400));
    assert_eq!(s.auth_mode(), AuthMode::Agent);
    assert!(resolve(&["--session-idle", "2d", "--session-max", "1d"]).is_err());
}

#[test]
fn agent_mode_on_a_tenant_needs_the_public_url() {
    let base = [
        "--halo-url",
        "https://acme.halopsa.com",
        "--halo-client-id",
        "id",
        "--halo-auth-mode",
        "agent",
    ];
    let err = resolve(&base).unwrap_err().to_string();
    assert!(err.contains("HALOSCOPE_PUBLIC_URL"), "{err}");
    let mut args = base.to_vec();
    args.extend(["--public-url", "https://scope.example.com"]);
    let s = resolve(&args).unwrap();
    assert!(s.https());
}

#[test]
fn no_halo_settings_means_demo_on_the_default_address() {
    let s = resolve(&[]).unwrap();
    assert!(s.is_demo());
    assert_eq!(s.listen.to_string(), "127.0.0.1:3000");
    assert_eq!(s.cache_ttl, Duration::from_secs(30));
    assert_eq!(s.data_dir, PathBuf::from("./haloscope-data"));
    assert_eq!(s.health_interval, Duration::from_secs(3600), "1 h");
}

#[test]
fn tenant_urls_derive_from_halo_url() {
    let s = resolve(&[
        "--halo-url",
        "https://acme.halopsa.com/",
        "--halo-client-id",
        "id",
        "--halo-client-secret",
        "s3cret",
        "--halo-tenant",
        "acme",
    ])
    .unwrap();
    let UpstreamSettings::Tenant(t) = s.upstream else {
        panic!("expected a tenant")
    };
    assert_eq!(t.api_url.as_str(), "https://acme.halopsa.com/api");
    assert_eq!(t.auth_url.as_str(), "https://acme.halopsa.com/auth");
    assert_eq!(t.auth_mode, AuthMode::Service);
    assert_eq!(t.scope, "all");
    assert_eq!(t.rate_limit, 300);
    assert_eq!(t.client_secret.unwrap().expose_secret(), "s3cret");
}

#[test]
fn explicit_api_and_auth_urls_win() {
    let s = resolve(&[
        "--halo-url",
        "https://acme.halopsa.com",
        "--halo-auth-url",
        "https://uk-trial.halopsa.com",
        "--halo-client-id",
        "id",
        "--halo-auth-mode",
        "agent",
        "--public-url",
        "http://127.0.0.1:3000",
    ])
    .unwrap();
    let UpstreamSettings::Tenant(t) = s.upstream else {
        panic!()
    };
    assert_eq!(t.auth_url.as_str(), "https://uk-trial.halopsa.com/");
    assert_eq!(t.auth_mode, AuthMode::Agent);
}

#[test]
fn partial_configuration_names_the_missing_setting() {
    let err = resolve(&["--halo-client-id", "abc"])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("HALO_URL is required"), "{err}");
    let err = resolve(&["--halo-url", "https://x.halopsa.com"])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("HALO_CLIENT_ID is required"), "{err}");
    let err = resolve(&[
        "--halo-url",
        "https://x.halopsa.com",
        "--halo-client-id",
        "i",
        "--halo-auth-mode",
        "service",
    ])
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("HALO_CLIENT_SECRET is required"), "{err}");
}

#[test]
fn bad_values_name_their_setting() {
    for (args, setting) in [
        (vec!["--listen", "nowhere"], "HALOSCOPE_LISTEN"),
        (vec!["--cache-ttl=-1"], "HALOSCOPE_CACHE_TTL"),
        (
            vec!["--halo-url", "ftp://x", "--halo-client-id", "i"],
            "HALO_URL",
        ),
        (
            vec![
                "--halo-url",
                "https://x.io",
                "--halo-client-id",
                "i",
                "--halo-client-secret",
                "s",
                "--halo-rate-limit",
                "lots",
            ],
            "HALO_RATE_LIMIT",
        ),
        (
            vec![
                "--halo-url",
                "https://x.io",
                "--halo-client-id",
                "i",
                "--halo-auth-mode",
                "robot",
            ],
            "HALO_AUTH_MODE",
        ),
    ] {
        let err = resolve(&args).unwrap_err().to_string();
        assert!(err.starts_with(setting), "{args:?}: {err}");
    }
}

#[test]
fn fault_control_exists_only_in_demo_mode() {
    assert!(
        resolve(&["--demo-fault-control"])
            .unwrap()
            .demo_fault_control
    );
    let err = resolve(&[
        "--demo-fault-control",
        "--halo-url",
        "https://x.halopsa.com",
        "--halo-client-id",
        "i",
        "--halo-client-secret",
        "s",
    ])
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("HALOSCOPE_DEMO_FAULT_CONTROL"), "{err}");
}

#[test]
fn any_halo_variable_turns_demo_off() {
    let cli = Cli::try_parse_from(["haloscope"]).unwrap();
    let err = Settings::resolve(cli, &["HALO_TENANT".to_string()])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("HALO_URL is required"), "{err}");
    let cli = Cli::try_parse_from(["haloscope"]).unwrap();
    let err = Settings::resolve(cli, &["HALO_CLIENTID".to_string()])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("HALO_CLIENTID is not a Haloscope setting"),
        "{err}"
    );
}

#[test]
fn the_data_dir_alone_follows_the_same_precedence() {
    let dir = std::env::temp_dir().join(format!("haloscope-datadir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("haloscope.toml");
    // HALO_* in the file would make `resolve` fail; the data directory alone does not care
    std::fs::write(
        &file,
        "data_dir = \"/srv/from-file\"\nhalo_client_id = \"only-half\"\n",
    )
    .unwrap();
    let cli = |args: &[&str]| {
        let mut argv = vec!["haloscope"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv).unwrap()
    };
    let config = file.to_str().unwrap();
    assert_eq!(
        data_dir_only(&cli(&[])).unwrap(),
        PathBuf::from("./haloscope-data")
    );
    assert_eq!(
        data_dir_only(&cli(&["--config", config])).unwrap(),
        PathBuf::from("/srv/from-file")
    );
    assert_eq!(
        data_dir_only(&cli(&["--config", config, "--data-dir", "/srv/flag"])).unwrap(),
        PathBuf::from("/srv/flag")
    );
    let err = data_dir_only(&cli(&["--config", "/nonexistent/haloscope.toml"]))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("HALOSCOPE_CONFIG"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_file_fills_what_flags_leave_unset() {
    let dir = std::env::temp_dir().join(format!("haloscope-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("secret");
    std::fs::write(&secret, "from-file\n").unwrap();
    let file = dir.join("haloscope.toml");
    std::fs::write(
        &file,
        format!(
            "listen = \"127.0.0.1:4000\"\ncache_ttl = 5\nhalo_url = \"https://acme.halopsa.com\"\nhalo_client_id = \"id\"\nhalo_client_secret_file = {:?}\nhalo_rate_limit = 0\n",
            secret.display().to_string()
        ),
    )
    .unwrap();
    let s = resolve(&[
        "--config",
        file.to_str().unwrap(),
        "--listen",
        "127.0.0.1:5000",
    ])
    .unwrap();
    assert_eq!(
        s.listen.to_string(),
        "127.0.0.1:5000",
        "flags win over the file"
    );
    assert_eq!(s.cache_ttl, Duration::from_secs(5));
    let UpstreamSettings::Tenant(t) = s.upstream else {
        panic!()
    };
    assert_eq!(t.rate_limit, 0);
    assert_eq!(t.client_secret.unwrap().expose_secret(), "from-file");

    std::fs::write(&file, "lisen = \"x\"\n").unwrap();
    let err = resolve(&["--config", file.to_str().unwrap()])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("HALOSCOPE_CONFIG"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A tenant in service mode on `url`, with `extra` flags.
fn tenant_on(url: &str, extra: &[&str]) -> Result<Box<TenantSettings>, StartupError> {
    let mut args = vec![
        "--halo-url",
        url,
        "--halo-client-id",
        "id",
        "--halo-client-secret",
        "s3cret",
    ];
    args.extend_from_slice(extra);
    match resolve(&args)?.upstream {
        UpstreamSettings::Tenant(t) => Ok(t),
        UpstreamSettings::Demo => panic!("HALO_URL means a tenant"),
    }
}

#[test]
fn a_clear_text_halopsa_on_another_machine_is_refused_unless_allowed() {
    for url in ["http://halo.example.com", "http://10.0.0.5:8080/halo"] {
        let err = tenant_on(url, &[]).unwrap_err().to_string();
        assert!(err.starts_with("HALO_URL: "), "{err}");
        assert!(err.contains("HALO_ALLOW_HTTP=true"), "{err}");
        let allowed = tenant_on(url, &["--halo-allow-http"]).unwrap();
        assert!(allowed.allow_http);
        assert_eq!(allowed.api_url.scheme(), "http");
    }
    for url in [
        "http://127.0.0.1:4010",
        "http://localhost:4010",
        "http://[::1]:4010",
        "https://acme.halopsa.com",
    ] {
        let t = tenant_on(url, &[]).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(!t.allow_http, "{url}");
    }
    let err = tenant_on(
        "https://acme.halopsa.com",
        &["--halo-auth-url", "http://auth.example.com"],
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("HALO_AUTH_URL: "), "{err}");
    let err = tenant_on(
        "https://acme.halopsa.com",
        &["--halo-api-url", "http://api.example.com/api"],
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("HALO_API_URL: "), "{err}");
}

#[test]
fn without_an_auth_url_start_up_asks_halo_url_where_to_sign_in() {
    let t = tenant_on("https://acme.halopsa.com/", &[]).unwrap();
    assert_eq!(
        t.discover_from.as_ref().map(Url::as_str),
        Some("https://acme.halopsa.com/")
    );
    assert_eq!(t.tenant, None, "named by /api/authinfo, or none on premise");
    let t = tenant_on(
        "https://acme.halopsa.com",
        &["--halo-auth-url", "https://auth.example.com"],
    )
    .unwrap();
    assert_eq!(
        t.discover_from, None,
        "an explicit HALO_AUTH_URL is not asked about"
    );
}
