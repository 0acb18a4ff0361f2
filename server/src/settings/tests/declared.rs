//! Every declared setting, set by flag, by environment variable and by the TOML file: the flag wins over
//! the environment, which wins over the file, and a value the setting's parser refuses is an error naming
//! the setting whichever way it came. Environment variables are process-wide, so the walk runs in a test
//! process of its own (`in_a_process_of_its_own`, started by `every_setting_by_flag_env_and_file`).

use super::super::*;
use crate::cli::DECLARED;
use clap::{CommandFactory, Parser};
use std::process::Command;

/// TOML key, flag value, environment value, file value (as TOML), a value the parser refuses.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const CASES: &[Case] = &[
    (
        "listen",
        "127.0.0.1:4001",
        "127.0.0.1:4002",
        r#""127.0.0.1:4003""#,
        Some("nowhere"),
    ),
    (
        "public_url",
        "https://flag.example",
        "https://env.example",
        r#""https://file.example""#,
        Some("ftp://x"),
    ),
    ("data_dir", "/srv/flag", "/srv/env", r#""/srv/file""#, None),
    ("cache_ttl", "1", "2", "3", Some("-1")),
    ("stale_for", "1h", "2h", r#""3h""#, Some("soon")),
    ("stale_memory", "16", "32", "48", Some("0")),
    (
        "metrics_token",
        "flag-token",
        "env-token",
        r#""file-token""#,
        None,
    ),
    ("session_idle", "1h", "2h", r#""3h""#, Some("8x")),
    ("session_max", "1d", "2d", r#""3d""#, Some("366d")),
    ("health_interval", "30m", "2h", r#""1d""#, Some("0")),
    ("session_key", "flag-key", "env-key", r#""file-key""#, None),
    (
        "audit_log",
        "-",
        "/var/log/env.jsonl",
        r#""/var/log/file.jsonl""#,
        None,
    ),
    (
        "trusted_proxies",
        "10.0.0.1",
        "10.0.0.2,::1",
        r#""10.0.0.3""#,
        Some("10.0.0.1,proxy"),
    ),
    ("log_format", "json", "human", r#""json""#, Some("xml")),
    (
        "halo_url",
        "https://flag.halopsa.com",
        "https://env.halopsa.com",
        r#""https://file.halopsa.com""#,
        Some("not a url"),
    ),
    (
        "halo_api_url",
        "https://flag.example/api",
        "https://env.example/api",
        r#""https://file.example/api""#,
        Some("https://"),
    ),
    (
        "halo_auth_url",
        "https://flag.example/auth",
        "https://env.example/auth",
        r#""https://file.example/auth""#,
        Some("mailto:x@y.z"),
    ),
    ("halo_tenant", "flag", "env", r#""file""#, None),
    ("halo_allow_http", "true", "false", "true", Some("maybe")),
    ("halo_client_id", "flag-id", "env-id", r#""file-id""#, None),
    (
        "halo_client_secret",
        "flag-secret",
        "env-secret",
        r#""file-secret""#,
        None,
    ),
    (
        "halo_client_secret_file",
        "/run/flag",
        "/run/env",
        r#""/run/file""#,
        None,
    ),
    ("halo_scope", "flag", "env", r#""file""#, None),
    (
        "halo_auth_mode",
        "service",
        "agent",
        r#""service""#,
        Some("robot"),
    ),
    ("halo_rate_limit", "1", "2", "3", Some("lots")),
    ("halo_rate_window", "10s", "2m", r#""30s""#, Some("0s")),
    (
        "redis_url",
        "redis://flag:6379",
        "rediss://env:6380",
        r#""redis://file:6379/1""#,
        Some("http://not-redis"),
    ),
    (
        "redis_prefix",
        "flag:",
        "env:",
        r#""file:""#,
        Some("has space"),
    ),
];

fn env_name(key: &str) -> &'static str {
    DECLARED.iter().find(|(k, _)| *k == key).unwrap().1
}

fn flag(key: &str) -> String {
    format!("--{}", key.replace('_', "-"))
}

/// The declared settings, read the way `resolve` reads them, with `args` as flags and `toml` as the file.
fn given(key: &str, args: &[String], toml: Option<&str>) -> Result<Given, StartupError> {
    let path = std::env::temp_dir().join(format!("haloscope-declared-{}.toml", std::process::id()));
    let mut argv = vec!["haloscope".to_owned()];
    if let Some(value) = toml {
        std::fs::write(&path, format!("{key} = {value}\n")).unwrap();
        argv.extend(["--config".to_owned(), path.display().to_string()]);
    }
    argv.extend(args.iter().cloned());
    let cli = Cli::try_parse_from(argv).unwrap();
    let given = file_of(&cli).and_then(|file| Given::merge(&cli, &file));
    std::fs::remove_file(&path).ok();
    given
}

fn shown(key: &str, args: &[String], toml: Option<&str>) -> Option<String> {
    given(key, args, toml)
        .unwrap_or_else(|e| panic!("{key}: {e}"))
        .shown(key)
}

fn set_env(name: &str, value: Option<&str>) {
    match value {
        Some(v) => std::env::set_var(name, v),
        None => std::env::remove_var(name),
    }
}

fn check(case: &Case) {
    let (key, flag_value, env_value, file_value, bad) = *case;
    let env = env_name(key);
    let by_flag = vec![format!("{}={flag_value}", flag(key))];
    set_env(env, None);
    let from_flag = shown(key, &by_flag, None);
    let from_file = shown(key, &[], Some(file_value));
    set_env(env, Some(env_value));
    let from_env = shown(key, &[], None);
    assert!(
        from_flag.is_some() && from_env.is_some() && from_file.is_some(),
        "{key}"
    );
    assert_ne!(from_flag, from_env, "{key}: the test values must differ");
    assert_ne!(from_env, from_file, "{key}: the test values must differ");
    assert_eq!(
        shown(key, &by_flag, Some(file_value)),
        from_flag,
        "{key}: flag > env > file"
    );
    assert_eq!(
        shown(key, &[], Some(file_value)),
        from_env,
        "{key}: env > file"
    );
    set_env(env, None);
    assert_eq!(
        shown(key, &by_flag, Some(file_value)),
        from_flag,
        "{key}: flag > file"
    );
    assert_eq!(shown(key, &[], None), None, "{key}: not given");
    let Some(bad) = bad else { return };
    let refused = |args: &[String], toml: Option<String>| {
        let err = given(key, args, toml.as_deref()).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{env}: ")), "{key}: {err}");
    };
    refused(&[format!("{}={bad}", flag(key))], None);
    refused(&[], Some(format!("{bad:?}")));
    set_env(env, Some(bad));
    refused(&[], None);
    set_env(env, None);
}

#[test]
fn every_setting_by_flag_env_and_file() {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "settings::tests::declared::in_a_process_of_its_own",
            "--test-threads=1",
        ])
        .env_clear()
        .env("HALOSCOPE_DECLARED_SETTINGS_TEST", "1")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 passed"), "the walk must have run: {text}");
}

#[test]
#[ignore = "run by every_setting_by_flag_env_and_file, alone in a process whose environment it changes"]
fn in_a_process_of_its_own() {
    if std::env::var_os("HALOSCOPE_DECLARED_SETTINGS_TEST").is_none() {
        return;
    }
    let mut keys: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    keys.extend(["config", "demo_fault_control"]);
    keys.sort_unstable();
    let mut declared: Vec<&str> = DECLARED.iter().map(|(k, _)| *k).collect();
    declared.sort_unstable();
    assert_eq!(keys, declared, "every declared setting has a case");
    for case in CASES {
        check(case);
    }
    // the switch: by flag, by environment, by file
    let demo_fault_control = |args: &[&str], toml: &str| {
        let path =
            std::env::temp_dir().join(format!("haloscope-switch-{}.toml", std::process::id()));
        std::fs::write(&path, toml).unwrap();
        let mut argv = vec!["haloscope", "--config", path.to_str().unwrap()];
        argv.extend_from_slice(args);
        let s = Settings::resolve(Cli::try_parse_from(argv).unwrap(), &[]).unwrap();
        std::fs::remove_file(&path).ok();
        s.demo_fault_control
    };
    assert!(!demo_fault_control(&[], ""));
    assert!(demo_fault_control(&["--demo-fault-control"], ""));
    assert!(demo_fault_control(&[], "demo_fault_control = true\n"));
    set_env("HALOSCOPE_DEMO_FAULT_CONTROL", Some("true"));
    assert!(demo_fault_control(&[], ""));
    set_env("HALOSCOPE_DEMO_FAULT_CONTROL", None);
}

#[test]
fn help_names_every_flag_and_environment_variable() {
    let help = Cli::command().render_long_help().to_string();
    for (key, env) in DECLARED {
        assert!(help.contains(&flag(key)), "{key}");
        assert!(help.contains(&format!("[env: {env}")), "{env}");
    }
    for default in [
        "127.0.0.1:3000",
        "./haloscope-data",
        "[default: 30]",
        "8h",
        "7d",
        "[default: all]",
        "[default: 300]",
        "human",
    ] {
        assert!(help.contains(default), "{default}");
    }
}

#[test]
fn the_known_halo_variables_are_the_declared_ones() {
    let halo: Vec<String> = DECLARED
        .iter()
        .map(|(_, env)| env.to_string())
        .filter(|env| env.starts_with("HALO_"))
        .collect();
    assert_eq!(halo.len(), 12, "HALO_RATE_WINDOW is the twelfth");
    assert!(refuse_unknown_halo_vars(&halo).is_ok());
    let err = refuse_unknown_halo_vars(&["HALO_CLIENTID".to_owned()])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("HALO_CLIENTID is not a Haloscope setting"),
        "{err}"
    );
    assert!(err.contains("HALO_RATE_LIMIT"), "{err}");
}
